/*
 * CodeStar Notifications' operation types, written from its botocore model (2019-10-15) because the SDK client
 * (@aws-sdk/client-codestar-notifications) is not a dependency here; they have the SDK's names and member optionality,
 * so a handler table is checked against them as the other services' are against their SDK types.
 */

/** CodeStar Notifications' Target. */
export interface Target {
  TargetType?: string;
  TargetAddress?: string;
}

/** CodeStar Notifications' CreateNotificationRuleRequest. */
export interface CreateNotificationRuleRequest {
  Name: string;
  EventTypeIds: string[];
  Resource: string;
  Targets: Target[];
  DetailType: 'BASIC' | 'FULL';
  ClientRequestToken?: string;
  Tags?: Record<string, string>;
  Status?: 'ENABLED' | 'DISABLED';
}

/** CodeStar Notifications' CreateNotificationRuleResult. */
export interface CreateNotificationRuleResult {
  Arn?: string;
}

/** CodeStar Notifications' DeleteNotificationRuleRequest. */
export interface DeleteNotificationRuleRequest {
  Arn: string;
}

/** CodeStar Notifications' DeleteNotificationRuleResult. */
export interface DeleteNotificationRuleResult {
  Arn?: string;
}

/** CodeStar Notifications' DeleteTargetRequest. */
export interface DeleteTargetRequest {
  TargetAddress: string;
  ForceUnsubscribeAll?: boolean;
}

/** CodeStar Notifications' DeleteTargetResult: an empty structure. */
export type DeleteTargetResult = Record<string, never>;

/** CodeStar Notifications' DescribeNotificationRuleRequest. */
export interface DescribeNotificationRuleRequest {
  Arn: string;
}

/** CodeStar Notifications' EventTypeSummary. */
export interface EventTypeSummary {
  EventTypeId?: string;
  ServiceName?: string;
  EventTypeName?: string;
  ResourceType?: string;
}

/** CodeStar Notifications' TargetSummary. */
export interface TargetSummary {
  TargetAddress?: string;
  TargetType?: string;
  TargetStatus?: 'PENDING' | 'ACTIVE' | 'UNREACHABLE' | 'INACTIVE' | 'DEACTIVATED';
}

/** CodeStar Notifications' DescribeNotificationRuleResult. */
export interface DescribeNotificationRuleResult {
  Arn: string;
  Name?: string;
  EventTypes?: EventTypeSummary[];
  Resource?: string;
  Targets?: TargetSummary[];
  DetailType?: 'BASIC' | 'FULL';
  CreatedBy?: string;
  Status?: 'ENABLED' | 'DISABLED';
  CreatedTimestamp?: Date;
  LastModifiedTimestamp?: Date;
  Tags?: Record<string, string>;
}

/** CodeStar Notifications' ListEventTypesFilter. */
export interface ListEventTypesFilter {
  Name: 'RESOURCE_TYPE' | 'SERVICE_NAME';
  Value: string;
}

/** CodeStar Notifications' ListEventTypesRequest. */
export interface ListEventTypesRequest {
  Filters?: ListEventTypesFilter[];
  NextToken?: string;
  MaxResults?: number;
}

/** CodeStar Notifications' ListEventTypesResult. */
export interface ListEventTypesResult {
  EventTypes?: EventTypeSummary[];
  NextToken?: string;
}

/** CodeStar Notifications' ListNotificationRulesFilter. */
export interface ListNotificationRulesFilter {
  Name: 'EVENT_TYPE_ID' | 'CREATED_BY' | 'RESOURCE' | 'TARGET_ADDRESS';
  Value: string;
}

/** CodeStar Notifications' ListNotificationRulesRequest. */
export interface ListNotificationRulesRequest {
  Filters?: ListNotificationRulesFilter[];
  NextToken?: string;
  MaxResults?: number;
}

/** CodeStar Notifications' NotificationRuleSummary. */
export interface NotificationRuleSummary {
  Id?: string;
  Arn?: string;
}

/** CodeStar Notifications' ListNotificationRulesResult. */
export interface ListNotificationRulesResult {
  NextToken?: string;
  NotificationRules?: NotificationRuleSummary[];
}

/** CodeStar Notifications' ListTagsForResourceRequest. */
export interface ListTagsForResourceRequest {
  Arn: string;
}

/** CodeStar Notifications' ListTagsForResourceResult. */
export interface ListTagsForResourceResult {
  Tags?: Record<string, string>;
}

/** CodeStar Notifications' ListTargetsFilter. */
export interface ListTargetsFilter {
  Name: 'TARGET_TYPE' | 'TARGET_ADDRESS' | 'TARGET_STATUS';
  Value: string;
}

/** CodeStar Notifications' ListTargetsRequest. */
export interface ListTargetsRequest {
  Filters?: ListTargetsFilter[];
  NextToken?: string;
  MaxResults?: number;
}

/** CodeStar Notifications' ListTargetsResult. */
export interface ListTargetsResult {
  Targets?: TargetSummary[];
  NextToken?: string;
}

/** CodeStar Notifications' SubscribeRequest. */
export interface SubscribeRequest {
  Arn: string;
  Target: Target;
  ClientRequestToken?: string;
}

/** CodeStar Notifications' SubscribeResult. */
export interface SubscribeResult {
  Arn?: string;
}

/** CodeStar Notifications' TagResourceRequest. */
export interface TagResourceRequest {
  Arn: string;
  Tags: Record<string, string>;
}

/** CodeStar Notifications' TagResourceResult. */
export interface TagResourceResult {
  Tags?: Record<string, string>;
}

/** CodeStar Notifications' UnsubscribeRequest. */
export interface UnsubscribeRequest {
  Arn: string;
  TargetAddress: string;
}

/** CodeStar Notifications' UnsubscribeResult. */
export interface UnsubscribeResult {
  Arn: string;
}

/** CodeStar Notifications' UntagResourceRequest. */
export interface UntagResourceRequest {
  Arn: string;
  TagKeys: string[];
}

/** CodeStar Notifications' UntagResourceResult: an empty structure. */
export type UntagResourceResult = Record<string, never>;

/** CodeStar Notifications' UpdateNotificationRuleRequest. */
export interface UpdateNotificationRuleRequest {
  Arn: string;
  Name?: string;
  Status?: 'ENABLED' | 'DISABLED';
  EventTypeIds?: string[];
  Targets?: Target[];
  DetailType?: 'BASIC' | 'FULL';
}

/** CodeStar Notifications' UpdateNotificationRuleResult: an empty structure. */
export type UpdateNotificationRuleResult = Record<string, never>;

/** CodeStar Notifications' operations with their input and output types. */
export interface CodeStarNotificationsOperations {
  CreateNotificationRule: { input: CreateNotificationRuleRequest; output: CreateNotificationRuleResult };
  DeleteNotificationRule: { input: DeleteNotificationRuleRequest; output: DeleteNotificationRuleResult };
  DeleteTarget: { input: DeleteTargetRequest; output: DeleteTargetResult };
  DescribeNotificationRule: { input: DescribeNotificationRuleRequest; output: DescribeNotificationRuleResult };
  ListEventTypes: { input: ListEventTypesRequest; output: ListEventTypesResult };
  ListNotificationRules: { input: ListNotificationRulesRequest; output: ListNotificationRulesResult };
  ListTagsForResource: { input: ListTagsForResourceRequest; output: ListTagsForResourceResult };
  ListTargets: { input: ListTargetsRequest; output: ListTargetsResult };
  Subscribe: { input: SubscribeRequest; output: SubscribeResult };
  TagResource: { input: TagResourceRequest; output: TagResourceResult };
  Unsubscribe: { input: UnsubscribeRequest; output: UnsubscribeResult };
  UntagResource: { input: UntagResourceRequest; output: UntagResourceResult };
  UpdateNotificationRule: { input: UpdateNotificationRuleRequest; output: UpdateNotificationRuleResult };
}
