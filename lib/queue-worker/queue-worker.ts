import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
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

/** The base names of the other QueueWorkers already in this one's stack, by construct path. */
function namesTakenInStack(worker: QueueWorker): Map<string, string> {
  const taken = new Map<string, string>();
  for (const node of TerraformStack.of(worker).node.findAll()) {
    if (node instanceof QueueWorker && node !== worker && node.settings !== undefined) {
      taken.set(node.settings.name, node.node.path);
    }
  }
  return taken;
}

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
  /** The customer managed key encrypting the alarm topic, when the pattern creates the topic. */
  public readonly alarmTopicKey?: KmsKey;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    this.settings = resolveQueueWorkerSettings(props);
    if (!props.unsafeSkipValidation) {
      assertValidSettings(this.node.path, this.settings, namesTakenInStack(this));
    }

    const queues = buildQueues(this, this.settings);
    this.queue = queues.queue;
    this.deadLetterQueue = queues.deadLetterQueue;
    this.kmsKeyArn = queues.kmsKeyArn;

    const worker = buildWorkerFunction(this, this.settings, queues);
    this.function = worker.function;
    this.logGroup = worker.logGroup;
    this.role = worker.role;

    this.eventSourceMapping = buildEventSourceMapping(this, this.settings, queues, worker);
    const alarms = buildAlarms(this, this.settings, queues);
    this.alarmTopic = alarms.alarmTopic;
    this.alarmTopicKey = alarms.alarmTopicKey;
  }
}
