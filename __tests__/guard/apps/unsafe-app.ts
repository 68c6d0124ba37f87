/**
 * A cdktf app for the synth-guard tests: one stack whose QueueWorker skips the construct's own
 * validation (`unsafeSkipValidation`) and has a visibility timeout below the function timeout.
 * Run by `cdktf synth --app "node dist-dev/__tests__/guard/apps/unsafe-app.js"`.
 */
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { synthWithGuard } from '../../../lib/guard';
import { configureAwsProvider, awsTargetFromConfig } from '../../../lib/aws-provider';
import { QueueWorker } from '../../../lib/queue-worker';
import { projectRoot } from '../../../lib/project-root';

export function buildUnsafeApp(app: App = new App()): App {
  const stack = new TerraformStack(app, 'orders-unsafe');
  configureAwsProvider(stack, awsTargetFromConfig(stack), { project: 'sqsguard', pipeline: 'orders', environment: 'unsafe' });
  new QueueWorker(stack, 'orders', {
    name: 'orders-unsafe',
    code: { directory: path.join(projectRoot(), 'functions', 'orders-worker'), handler: 'handler.handler' },
    timeout: 60,
    visibilityTimeout: 30,
    unsafeSkipValidation: true,
  });
  return app;
}

if (require.main === module) {
  synthWithGuard(buildUnsafeApp());
}
