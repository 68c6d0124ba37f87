import { App } from 'cdktf';
import { OrdersStack } from './stacks/orders-stack';
import { synthWithGuard } from './lib/guard';

/**
 * The embedded default: the `orders` pipeline in two environments. dev runs on the pattern's
 * defaults; prod reserves concurrency (the mapping's maximum concurrency follows it), encrypts with a
 * customer managed KMS key, batches for up to 5 s and notifies an SNS topic from its alarms.
 */
export function buildApp(app: App = new App()): App {
  new OrdersStack(app, 'orders-dev', { environment: 'dev' });
  new OrdersStack(app, 'orders-prod', {
    environment: 'prod',
    worker: {
      timeout: 60,
      memorySize: 512,
      reservedConcurrency: 20,
      maxBatchingWindow: 5,
      retentionPeriod: 604800,
      encryption: { kind: 'kms' },
      alarms: { createTopic: true, oldestMessageAgeThreshold: 900 },
      logRetentionDays: 90,
    },
  });
  return app;
}

if (require.main === module) {
  synthWithGuard(buildApp()); // deny findings of the policy fail `cdktf synth` (docs/cli.md#synth-time-guard)
}
