import * as path from 'path';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { projectRoot } from '../lib/project-root';
import { awsTargetFromConfig, configureAwsProvider } from '../lib/aws-provider';
import { QueueWorker, QueueWorkerProps } from '../lib/queue-worker';

/** The worker's sources (the same whether this runs from `stacks/` or from `dist/stacks/`). */
export const ORDERS_WORKER_DIR = path.join(projectRoot(), 'functions', 'orders-worker');

export interface OrdersStackProps {
  /** Deployment environment, part of every resource name (`orders-<environment>`). */
  readonly environment: string;
  /** Overrides of the pattern's props for this environment. */
  readonly worker?: Omit<Partial<QueueWorkerProps>, 'name' | 'code'>;
}

/** The example `orders` pipeline: an orders queue feeding the orders worker. */
export class OrdersStack extends TerraformStack {
  public readonly worker: QueueWorker;

  constructor(scope: Construct, id: string, props: OrdersStackProps) {
    super(scope, id);
    const name = `orders-${props.environment}`;
    // Local state by default (cdktf's own default); SQSGUARD_STATE_DIR moves it, e.g. for a test run.
    // A team deployment configures a remote backend here (S3 + DynamoDB lock), see README.
    const stateDir = process.env.SQSGUARD_STATE_DIR;
    if (stateDir) new LocalBackend(this, { path: path.join(stateDir, `${id}.tfstate`) });
    configureAwsProvider(this, awsTargetFromConfig(this), {
      project: 'sqsguard',
      pipeline: 'orders',
      environment: props.environment,
    });
    this.worker = new QueueWorker(this, 'orders', {
      name,
      code: { directory: ORDERS_WORKER_DIR, handler: 'handler.handler' },
      ...props.worker,
    });
    new TerraformOutput(this, 'queue_url', { value: this.worker.queue.url });
    new TerraformOutput(this, 'dlq_url', { value: this.worker.deadLetterQueue.url });
    new TerraformOutput(this, 'function_name', { value: this.worker.function.functionName });
    new TerraformOutput(this, 'event_source_mapping_uuid', { value: this.worker.eventSourceMapping.uuid });
  }
}
