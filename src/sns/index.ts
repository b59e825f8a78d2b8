export { SnsService, SNS_TAG_LIMIT, type SnsServiceDeps } from './sns-service.js';
export { Subscriptions, PENDING_CONFIRMATION, type SubscribeRequest } from './subscriptions.js';
export { SnsRefusal, invalidParameter, type SnsRefusalCode } from './sns-refusal.js';
export { type DeliveryRecord, type NumberedDelivery, DeliveryLog, DELIVERY_LOG_SIZE } from './delivery-log.js';
export { type SnsMessage, type SnsMessageAttribute, notificationDocument, confirmationDocument } from './envelope.js';
export { HttpDelivery, postOnce, isDelivered, DELIVERY_TIMEOUT_MS, type HttpPost, type AttemptResult } from './http-delivery.js';
export { DEFAULT_RETRY_POLICY, retryPolicyOf, retryDelaySeconds, type HealthyRetryPolicy } from './retry-policy.js';
export { topicArnOf, checkTopicArn } from './sns-arns.js';
