import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { buildAlarms } from './alarms';
import { QueueWorkerSettings, resolveQueueWorkerSettings } from './defaults';
import { buildEventSourceMapping } from './mapping';
import { QueueWorkerProps } from './props';
import { buildQueues } from './queues';
import { assertValidSettings } from './validation';
import { buildWorkerFunction } from './worker';

/**
 * An SQS queue in front of a Lambda function, safe by construction: DLQ with a redrive-allow policy,
 * visibility timeout derived from the function timeout, partial batch responses, bounded mapping
 * concurrency, TLS-only encrypted queues, a least-privilege role and alarms on the DLQ and queue age.
 */
export class QueueWorker extends Construct {
  /** The settings the pattern was built from, defaults applied. */
  public readonly settings: QueueWorkerSettings;
  public readonly queue: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;
  public readonly function: LambdaFunction;
  public readonly eventSourceMapping: LambdaEventSourceMapping;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  /** The key encrypting both queues, when `encryption` is `kms`. */
  public readonly kmsKeyArn?: string;
  public readonly alarmTopic?: SnsTopic;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    this.settings = resolveQueueWorkerSettings(props);
    if (!props.unsafeSkipValidation) assertValidSettings(this.node.path, this.settings);

    const queues = buildQueues(this, this.settings);
    this.queue = queues.queue;
    this.deadLetterQueue = queues.deadLetterQueue;
    this.kmsKeyArn = queues.kmsKeyArn;

    const worker = buildWorkerFunction(this, this.settings, queues);
    this.function = worker.function;
    this.logGroup = worker.logGroup;
    this.role = worker.role;

    this.eventSourceMapping = buildEventSourceMapping(this, this.settings, queues, worker);
    this.alarmTopic = buildAlarms(this, this.settings, queues).alarmTopic;
  }
}
