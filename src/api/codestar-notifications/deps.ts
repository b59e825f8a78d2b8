import type { NotificationRules } from '../../notifications/index.js';
import type { TagStore } from '../../store/index.js';

/** What the CodeStar Notifications API needs: the rules and the tag store. */
export interface CodeStarNotificationsDeps {
  rules: NotificationRules;
  tags: TagStore;
}
