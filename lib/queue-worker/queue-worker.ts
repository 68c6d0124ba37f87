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

/**
 * The base names of each stack's QueueWorkers, with their construct paths. A registry rather than a
 * walk of the construct tree: a stack of many workers (bench/) would walk it once per worker.
 */
const NAMES_BY_STACK = new WeakMap<TerraformStack, Map<string, string>>();

function namesInStack(worker: Construct): Map<string, string> {
  const stack = TerraformStack.of(worker);
  let names = NAMES_BY_STACK.get(stack);
  if (names === undefined) {
    names = new Map();
    NAMES_BY_STACK.set(stack, names);
  }
  return names;
}

/**
 * An SQS queue in front of a Lambda function, safe by construction: DLQ with a redrive-allow policy,
 * visibility timeout derived from the function timeout, partial batch responses, bounded mapping
 * concurrency, TLS-only encrypted queues, a least-privilege role and alarms on the DLQ, the queue age
 * and the function's errors and throttles.
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
    const names = namesInStack(this);
    if (!props.unsafeSkipValidation) assertValidSettings(this.node.path, this.settings, names);
    if (!names.has(this.settings.name)) names.set(this.settings.name, this.node.path);

    const queues = buildQueues(this, this.settings);
    this.queue = queues.queue;
    this.deadLetterQueue = queues.deadLetterQueue;
    this.kmsKeyArn = queues.kmsKeyArn;

    const worker = buildWorkerFunction(this, this.settings, queues);
    this.function = worker.function;
    this.logGroup = worker.logGroup;
    this.role = worker.role;

    this.eventSourceMapping = buildEventSourceMapping(this, this.settings, queues, worker);
    const alarms = buildAlarms(this, this.settings, queues, worker);
    this.alarmTopic = alarms.alarmTopic;
    this.alarmTopicKey = alarms.alarmTopicKey;
  }
}
