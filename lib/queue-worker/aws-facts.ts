/**
 * AWS's documented limits and lists the construct checks its props against (not policy thresholds:
 * those come from policy-facts.ts). Each names the AWS page it comes from.
 */

/**
 * The runtime the pattern defaults to: the newest Node.js runtime hashicorp/aws 5.100.0 and moto
 * accept (nodejs24.x is newer than the provider).
 */
export const DEFAULT_RUNTIME = 'nodejs22.x';

/**
 * Deprecated Lambda runtimes and the day AWS deprecated them (docs.aws.amazon.com/lambda/latest/dg/
 * lambda-runtimes.html, "Deprecated runtimes"). After that day AWS stops patching them and then
 * blocks creating and updating functions that use them. Not exhaustive: the Node.js and Python
 * runtimes this pattern is used with.
 */
export const DEPRECATED_RUNTIMES: Readonly<Record<string, string>> = {
  'nodejs20.x': '2026-04-30',
  'nodejs18.x': '2025-09-01',
  'nodejs16.x': '2024-06-12',
  'nodejs14.x': '2023-12-04',
  'nodejs12.x': '2023-03-31',
  'python3.9': '2025-12-15',
  'python3.8': '2024-10-14',
  'python3.7': '2023-12-04',
};

/**
 * Environment variable names the Lambda runtime sets and a function may not
 * (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-runtime.html, "Reserved environment
 * variables"): CreateFunction rejects them. AWS_LAMBDA_* is reserved as a prefix.
 */
export const RESERVED_ENVIRONMENT_VARIABLES: readonly string[] = [
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];
export const RESERVED_ENVIRONMENT_PREFIX = 'AWS_LAMBDA_';

/** Function and role names: at most 64 characters (Lambda CreateFunction, IAM CreateRole). */
export const FUNCTION_NAME_MAX_LENGTH = 64;

/**
 * Filters per event source mapping: 5 by default, 10 with a quota increase
 * (docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
 */
export const DEFAULT_FILTERS_PER_MAPPING = 5;

/**
 * The record keys an SQS event source mapping's filters can match: `body` only
 * (docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html).
 */
export const SQS_FILTERABLE_KEYS: readonly string[] = ['body'];

/**
 * Provisioned mode of an SQS event source mapping (docs.aws.amazon.com/lambda/latest/api/
 * API_ProvisionedPollerConfig.html): minimum pollers 2–200; maximum pollers at least 2, and at most
 * 2000 in hashicorp/aws 5.100.0's schema (AWS has since raised SQS's to 10,000).
 */
export const PROVISIONED_POLLERS = { minimumMin: 2, minimumMax: 200, maximumMax: 2000 } as const;

/**
 * AWS's SQS page (docs.aws.amazon.com/lambda/latest/dg/with-sqs.html) asks for reserved concurrency
 * of at least 5 on an SQS-fed function: below it, throttling alone pushes healthy messages toward
 * the DLQ.
 */
export const RESERVED_CONCURRENCY_MIN = 5;
