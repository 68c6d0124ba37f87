import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { QueueWorker } from '../../../lib/queue-worker';
import { buildWorkerBundle } from '../../../lib/queue-worker/bundle';
import { WORKER_DIR, synthWorker } from '../../support/synth';

describe('QueueWorker code asset', () => {
  test('workers with the same code in one stack share one zip', () => {
    // GIVEN two workers built from the same directory in one stack
    const app = Testing.app();
    const stack = new TerraformStack(app, 'shared');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new QueueWorker(stack, 'a', { name: 'a', code: { directory: WORKER_DIR } });
    new QueueWorker(stack, 'b', { name: 'b', code: { directory: WORKER_DIR } });
    // WHEN synthesized
    const config = JSON.parse(Testing.synth(stack));
    // THEN both functions point at the same archive
    const filenames = Object.values(config.resource.aws_lambda_function as Record<string, { filename: string }>).map((f) => f.filename);
    expect(filenames).toHaveLength(2);
    expect(new Set(filenames).size).toBe(1);
  });
});

describe('QueueWorker code bundle', () => {
  test('rejects a code directory that does not exist', () => {
    const directory = path.join(os.tmpdir(), 'sqsguard-no-such-worker-dir');
    expect(() => synthWorker({ code: { directory } })).toThrow(`code.directory must be an existing directory (given "${directory}")`);
  });

  test('rejects a code directory without sources, test files not counting', () => {
    // GIVEN a directory holding only a test file
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-worker-'));
    fs.writeFileSync(path.join(directory, 'handler.test.ts'), 'export {};\n');
    try {
      expect(() => synthWorker({ code: { directory } })).toThrow(`code.directory has no .ts or .js files (given "${directory}")`);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('transpiles the TypeScript sources, leaving test files out', () => {
    // GIVEN a handler, a plain JavaScript helper and a test file
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-worker-'));
    fs.writeFileSync(path.join(directory, 'handler.ts'), 'export const handler = async (): Promise<number> => 1;\n');
    fs.writeFileSync(path.join(directory, 'util.js'), 'exports.two = 2;\n');
    fs.writeFileSync(path.join(directory, 'handler.test.ts'), 'export {};\n');
    try {
      // WHEN it is bundled
      const bundleDir = buildWorkerBundle(directory);
      // THEN the bundle holds CommonJS JavaScript only
      expect(fs.readdirSync(bundleDir).sort()).toEqual(['handler.js', 'util.js']);
      expect(fs.readFileSync(path.join(bundleDir, 'handler.js'), 'utf8')).toContain('exports.handler');
      expect(fs.readFileSync(path.join(bundleDir, 'util.js'), 'utf8')).toBe('exports.two = 2;\n');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
