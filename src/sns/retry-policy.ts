/** SNS's healthyRetryPolicy for HTTP/S endpoints; delays in seconds. */
export interface HealthyRetryPolicy {
  minDelayTarget: number;
  maxDelayTarget: number;
  numRetries: number;
  numNoDelayRetries: number;
  numMinDelayRetries: number;
  numMaxDelayRetries: number;
  backoffFunction: 'linear' | 'arithmetic' | 'geometric' | 'exponential';
}

/** SNS's default for HTTP/S: 3 retries, 20 seconds apart. */
export const DEFAULT_RETRY_POLICY: HealthyRetryPolicy = {
  minDelayTarget: 20,
  maxDelayTarget: 20,
  numRetries: 3,
  numNoDelayRetries: 0,
  numMinDelayRetries: 0,
  numMaxDelayRetries: 0,
  backoffFunction: 'linear',
};

function numberIn(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/**
 * The retry policy a subscription's deliveries follow: its own DeliveryPolicy's healthyRetryPolicy, else its topic's
 * `http.defaultHealthyRetryPolicy`, else SNS's default; members out of SNS's ranges take the default.
 */
export function retryPolicyOf(subscriptionPolicy: string | undefined, topicPolicy: string | undefined): HealthyRetryPolicy {
  const read = (text: string | undefined, path: string[]): Record<string, unknown> | undefined => {
    if (!text) return undefined;
    try {
      let node: unknown = JSON.parse(text);
      for (const key of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
      return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const given = read(subscriptionPolicy, ['healthyRetryPolicy']) ?? read(topicPolicy, ['http', 'defaultHealthyRetryPolicy']) ?? {};
  const d = DEFAULT_RETRY_POLICY;
  const min = numberIn(given.minDelayTarget, 1, 3600) ?? d.minDelayTarget;
  const backoff = given.backoffFunction;
  return {
    minDelayTarget: min,
    maxDelayTarget: Math.max(min, numberIn(given.maxDelayTarget, 1, 3600) ?? Math.max(min, d.maxDelayTarget)),
    numRetries: numberIn(given.numRetries, 0, 100) ?? d.numRetries,
    numNoDelayRetries: numberIn(given.numNoDelayRetries, 0, 100) ?? 0,
    numMinDelayRetries: numberIn(given.numMinDelayRetries, 0, 100) ?? 0,
    numMaxDelayRetries: numberIn(given.numMaxDelayRetries, 0, 100) ?? 0,
    backoffFunction: backoff === 'arithmetic' || backoff === 'geometric' || backoff === 'exponential' ? backoff : 'linear',
  };
}

/** The wait in seconds before retry number `retry` (1-based) under a policy, without SNS's jitter. */
export function retryDelaySeconds(policy: HealthyRetryPolicy, retry: number): number {
  if (retry <= policy.numNoDelayRetries) return 0;
  if (retry <= policy.numNoDelayRetries + policy.numMinDelayRetries) return policy.minDelayTarget;
  const backoffRetries = Math.max(1, policy.numRetries - policy.numNoDelayRetries - policy.numMinDelayRetries - policy.numMaxDelayRetries);
  const k = retry - policy.numNoDelayRetries - policy.numMinDelayRetries;
  if (k > backoffRetries) return policy.maxDelayTarget;
  const span = policy.maxDelayTarget - policy.minDelayTarget;
  const share = backoffRetries === 1 ? 1 : (k - 1) / (backoffRetries - 1);
  const curve = { linear: share, arithmetic: share * share, geometric: share ** 3, exponential: share ** 4 }[policy.backoffFunction];
  return policy.minDelayTarget + span * curve;
}
