/** Shapes of the policy's public contract (policies/sqsguard/main) and of the suppressions file. */
import { Finding, Maybe, PipelineResources } from './report';

/** One finding as the policy returns it. */
export type PolicyFinding = Pick<Finding, 'rule' | 'severity' | 'resource' | 'related' | 'message' | 'remediation' | 'cause'>;

/** One SQS event source mapping as the policy describes it (`data.sqsguard.main.pipelines`). */
export interface PolicyPipeline extends PipelineResources {
  max_receive_count: Maybe<number>;
  visibility_timeout: Maybe<number>;
  function_timeout: Maybe<number>;
  batch_size: Maybe<number>;
  batching_window: Maybe<number>;
  source_retention: Maybe<number>;
  dlq_retention: Maybe<number>;
  maximum_concurrency: Maybe<number>;
  reserved_concurrency: Maybe<number>;
  report_batch_item_failures: Maybe<boolean>;
}

/** One entry of a suppressions file (see lib/engine/suppressions.ts). */
export interface Suppression {
  rule: string;
  resource: string;
  reason: string;
  expires?: string;
}
