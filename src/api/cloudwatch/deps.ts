import type { Clock } from '../../shared/index.js';
import type { CloudWatchAlarmStore, TagStore } from '../../store/index.js';

/** What the CloudWatch operation handlers need. */
export interface CloudWatchDeps {
  alarms: CloudWatchAlarmStore;
  tags: TagStore;
  clock: Clock;
}

/** CloudWatch's quotas and page sizes that the handlers enforce. */
export const limits = {
  /** DescribeAlarms' page when MaxRecords is not given. */
  alarmsPage: 50,
  /** DescribeAlarmHistory's page when MaxRecords is not given. */
  historyPage: 100,
  tagsPerResource: 50,
} as const;
