import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { QueueWorker } from '../../../lib/queue-worker';
import { WORKER_DIR, synthWorker } from '../../support/synth';

/** A user's hand-written pipeline: a queue without a DLQ feeding a function in batches of 10. */
function unsafeStack(): TerraformStack {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'handmade');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const queue = new SqsQueue(stack, 'queue', { name: 'orders', visibilityTimeoutSeconds: 30 });
  const fn = new LambdaFunction(stack, 'fn', {
    functionName: 'orders',
    role: 'arn:aws:iam::111122223333:role/orders',
    handler: 'h.h',
    runtime: 'nodejs20.x',
    filename: 'x.zip',
    timeout: 30,
  });
  new LambdaEventSourceMapping(stack, 'mapping', { eventSourceArn: queue.arn, functionName: fn.arn, batchSize: 10 });
  return stack;
}

describe('jest matchers on a synthesized stack', () => {
  test('a default QueueWorker passes sqsguard, as Testing.synth output and as parsed JSON', () => {
    const { json, config } = synthWorker();
    expect(json).toPassSqsguard();
    expect(config).toPassSqsguard();
  });

  test('a hand-written pipeline without a DLQ fails, and the message lists its findings', () => {
    const synthesized = Testing.synth(unsafeStack());
    expect(synthesized).not.toPassSqsguard();
    expect(() => expect(synthesized).toPassSqsguard()).toThrow(
      /^expected the stack to pass sqsguard, but 2 finding\(s\) fail it; findings:\n {2}SQSL002 deny: aws_sqs_queue\.queue: visibility timeout 30 s < 6 × function timeout 30 s/,
    );
    expect(() => expect(synthesized).toPassSqsguard()).toThrow(/\n {2}SQSL003 deny: aws_sqs_queue\.queue: /);
  });

  test('toHaveSqsguardFinding finds a rule by Terraform address or glob, and by severity', () => {
    const synthesized = Testing.synth(unsafeStack());
    expect(synthesized).toHaveSqsguardFinding('SQSL003', { resource: 'aws_sqs_queue.queue', severity: 'deny' });
    expect(synthesized).toHaveSqsguardFinding('SQSL008', { resource: 'aws_lambda_event_source_mapping.*' });
    expect(synthesized).not.toHaveSqsguardFinding('SQSL008', { resource: 'aws_sqs_queue.queue' });
    expect(synthesized).not.toHaveSqsguardFinding('SQSL003', { severity: 'warn' });
  });

  test('given the stack itself, findings carry construct paths and resource matches them', () => {
    const stack = unsafeStack();
    expect(stack).toHaveSqsguardFinding('SQSL003', { resource: 'handmade/queue' });
    expect(stack).toHaveSqsguardFinding('SQSL008', { resource: 'handmade/*' });
    expect(() => expect(stack).toPassSqsguard()).toThrow(/\n {2}SQSL003 deny: aws_sqs_queue\.queue \(handmade\/queue\): /);
  });

  test('a missing finding fails, naming what was expected and what the stack has', () => {
    expect(() => expect(synthWorker().json).toHaveSqsguardFinding('SQSL003')).toThrow('expected a SQSL003 finding; the stack has no findings');
    expect(() => expect(Testing.synth(unsafeStack())).not.toHaveSqsguardFinding('SQSL003')).toThrow(/^expected no SQSL003 finding, but the stack has one; findings:\n/);
  });

  test('a QueueWorker batching without partial batch responses warns SQSL008 on its mapping, and still passes', () => {
    // GIVEN the construct in a user's stack, checked as the stack object
    const app = Testing.app();
    const stack = new TerraformStack(app, 'app');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new QueueWorker(stack, 'orders', { name: 'orders', code: { directory: WORKER_DIR }, batchSize: 10, reportBatchItemFailures: false });
    // THEN it warns on the mapping the construct made, and a warning does not fail it
    expect(stack).toHaveSqsguardFinding('SQSL008', { resource: 'app/orders/*', severity: 'warn' });
    expect(Testing.synth(stack)).toPassSqsguard();
    expect(() => expect(stack).not.toPassSqsguard()).toThrow(/passes with findings:\n {2}SQSL008 warn: aws_lambda_event_source_mapping\.orders_\w+ \(app\/orders\//);
  });

  test('suppressions and strict work as in sqsguard check', () => {
    const synthesized = Testing.synth(unsafeStack());
    const denies = [
      { rule: 'SQSL002', resource: 'aws_sqs_queue.queue', reason: 'a fixture of a bad pipeline' },
      { rule: 'SQSL003', resource: 'aws_sqs_queue.queue', reason: 'a fixture of a bad pipeline' },
    ];
    expect(synthesized).toPassSqsguard({ suppressions: denies });
    // SQSL024 is undetermined (the role is not in the document): strict fails on it
    expect(synthesized).toHaveSqsguardFinding('SQSL024', { severity: 'undetermined' });
    expect(() => expect(synthesized).toPassSqsguard({ suppressions: denies, strict: true })).toThrow(
      /but 1 finding\(s\) fail it; findings:[\s\S]*SQSL002 deny: aws_sqs_queue\.queue: .*\[suppressed: a fixture of a bad pipeline\]/,
    );
  });
});
