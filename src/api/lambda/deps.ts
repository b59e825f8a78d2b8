import type { LambdaFunctionRecord } from '../../model/index.js';
import type { LambdaFunctions, LambdaInvoker } from '../../lambda/index.js';

/** What the Lambda API needs: the functions, the invoker, and the URL a function's code zip is served at. */
export interface LambdaDeps {
  functions: LambdaFunctions;
  invoker: LambdaInvoker;
  codeUrl(fn: LambdaFunctionRecord): string;
}
