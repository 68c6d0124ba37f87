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

  test('compiles the TypeScript sources with esbuild, leaving test files out', () => {
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
      expect(fs.readFileSync(path.join(bundleDir, 'handler.js'), 'utf8')).toContain('module.exports');
      expect(fs.readFileSync(path.join(bundleDir, 'util.js'), 'utf8')).toBe('exports.two = 2;\n');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('bundles nested folders, keeping relative imports between .ts and .js files working', async () => {
    // GIVEN a handler importing a TypeScript module two folders down, which imports a JavaScript one
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-worker-'));
    fs.mkdirSync(path.join(directory, 'lib', 'orders'), { recursive: true });
    fs.mkdirSync(path.join(directory, 'node_modules', 'left-out'), { recursive: true });
    fs.writeFileSync(
      path.join(directory, 'handler.ts'),
      "import { total } from './lib/orders/total';\nexport const handler = async (): Promise<number> => total([1, 2, 3]);\n",
    );
    fs.writeFileSync(
      path.join(directory, 'lib', 'orders', 'total.ts'),
      "import { add } from '../add';\nexport const total = (xs: number[]): number => xs.reduce(add, 0);\n",
    );
    fs.writeFileSync(path.join(directory, 'lib', 'add.js'), 'exports.add = (a, b) => a + b;\n');
    fs.writeFileSync(path.join(directory, 'lib', 'orders', 'total.spec.ts'), 'export {};\n');
    fs.writeFileSync(path.join(directory, 'node_modules', 'left-out', 'index.js'), 'exports.x = 1;\n');
    try {
      // WHEN it is bundled
      const bundleDir = buildWorkerBundle(directory);
      // THEN every source is there at its own path, and the handler runs from the bundle
      const listed = fs.readdirSync(bundleDir, { recursive: true }).map(String).sort();
      expect(listed).toEqual(['handler.js', 'lib', 'lib/add.js', 'lib/orders', 'lib/orders/total.js']);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { handler } = require(path.join(bundleDir, 'handler.js')) as { handler: () => Promise<number> };
      await expect(handler()).resolves.toBe(6);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('a change in a nested file makes a new bundle directory', () => {
    // GIVEN a bundled directory with a nested module
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-worker-'));
    fs.mkdirSync(path.join(directory, 'lib'));
    fs.writeFileSync(path.join(directory, 'handler.ts'), "export { handler } from './lib/impl';\n");
    fs.writeFileSync(path.join(directory, 'lib', 'impl.ts'), 'export const handler = async (): Promise<number> => 1;\n');
    try {
      const before = buildWorkerBundle(directory);
      // WHEN the nested module changes
      fs.writeFileSync(path.join(directory, 'lib', 'impl.ts'), 'export const handler = async (): Promise<number> => 2;\n');
      // THEN the bundle (and so the asset and its hash) is a new one; unchanged sources give the same one
      const after = buildWorkerBundle(directory);
      expect(after).not.toBe(before);
      expect(buildWorkerBundle(directory)).toBe(after);
      expect(fs.readFileSync(path.join(after, 'lib', 'impl.js'), 'utf8')).toContain('2');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  test('the bundle is named by its compiled content: sources differing only in types share it', () => {
    // GIVEN two directories whose handlers differ only in a type annotation
    const typed = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-worker-'));
    const untyped = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-worker-'));
    fs.writeFileSync(path.join(typed, 'handler.ts'), 'export const handler = async (n: number) => n + 1;\n');
    fs.writeFileSync(path.join(untyped, 'handler.ts'), 'export const handler = async (n: any) => n + 1;\n');
    try {
      // THEN they compile to the same files, so to the same directory (and zip, and source_code_hash)
      expect(buildWorkerBundle(untyped)).toBe(buildWorkerBundle(typed));
    } finally {
      fs.rmSync(typed, { recursive: true, force: true });
      fs.rmSync(untyped, { recursive: true, force: true });
    }
  });
});
