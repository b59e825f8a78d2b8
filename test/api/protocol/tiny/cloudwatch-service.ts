import type { GetDashboardInput, GetMetricStatisticsInput, ListMetricsInput, MetricDatum, PutMetricDataInput } from '@aws-sdk/client-cloudwatch';
import { modelledError, type ServiceDefinition } from '../../../../src/api/protocol/index.js';
import { botocoreModel } from './botocore-model.js';

interface Stored extends MetricDatum {
  Namespace: string;
}

/** Test-only CloudWatch over the real botocore model (rpc-v2-cbor, json and query): metrics in memory, no dashboards. */
export function tinyCloudWatch(): ServiceDefinition {
  const model = botocoreModel('cloudwatch');
  const DashboardNotFoundError = modelledError(model, 'DashboardNotFoundError');
  const InvalidParameterValueException = modelledError(model, 'InvalidParameterValueException');
  const data: Stored[] = [];
  const toSeconds = (t: unknown) => (typeof t === 'number' ? t : new Date(t as string).getTime() / 1000);
  return {
    model,
    handlers: {
      PutMetricData(input: PutMetricDataInput) {
        for (const datum of input.MetricData ?? []) data.push({ ...datum, Namespace: input.Namespace! });
        return {};
      },
      ListMetrics(input: ListMetricsInput) {
        const seen = new Map<string, { Namespace: string; MetricName?: string; Dimensions?: MetricDatum['Dimensions'] }>();
        for (const d of data.filter((m) => (!input.Namespace || m.Namespace === input.Namespace) && (!input.MetricName || m.MetricName === input.MetricName))) {
          seen.set(`${d.Namespace}/${d.MetricName}/${JSON.stringify(d.Dimensions ?? [])}`, { Namespace: d.Namespace, MetricName: d.MetricName, Dimensions: d.Dimensions ?? [] });
        }
        return { Metrics: [...seen.values()] };
      },
      GetMetricStatistics(input: GetMetricStatisticsInput) {
        const matching = data.filter((d) => d.Namespace === input.Namespace && d.MetricName === input.MetricName);
        const Datapoints = matching.map((d) => ({ Timestamp: toSeconds(d.Timestamp), Sum: d.Value, SampleCount: 1, Unit: d.Unit ?? 'None' }));
        return { Label: input.MetricName, Datapoints };
      },
      GetDashboard(input: GetDashboardInput) {
        if (input.DashboardName?.includes('!')) throw new InvalidParameterValueException(`The value ${input.DashboardName} for parameter DashboardName is not valid`);
        throw new DashboardNotFoundError(`Dashboard ${input.DashboardName} does not exist`);
      },
    },
  };
}
