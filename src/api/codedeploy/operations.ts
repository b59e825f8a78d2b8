import type { CodeDeploy, CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { SdkOperations, ServiceHandlers } from '../protocol/index.js';

/** CodeDeploy's operations with the SDK's input and output types, which the handler table is checked against. */
export type CodeDeployOperations = SdkOperations<CodeDeploy, CodeDeployClient>;

/** Some of CodeDeploy's handlers, as the on-premises ones are given to the service's table. */
export type CodeDeployHandlers = ServiceHandlers<CodeDeployOperations>;
