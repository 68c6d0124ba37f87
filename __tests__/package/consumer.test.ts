/**
 * The package as another project gets it: `npm pack` (of the dist/ that `npm run build` made), then
 * fresh projects outside this repository install the tarball from the registry-reachable npm cache:
 *   - a cdktf app with the oldest versions the peer ranges allow (this repository's pins of cdktf,
 *     constructs and the provider bindings), then with the newest ones: it type-checks imports from 'sqsguard' and 'sqsguard/jest', synthesizes a
 *     QueueWorker (nested worker sources) with the guard, runs a jest test with the matchers and
 *     `npx sqsguard check cdktf.out`;
 *   - a CLI-only install: no cdktf, constructs, provider bindings or esbuild in its tree, and
 *     `npx sqsguard check` of a plan works, as does the `sqsguard/check` API.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../lib/project-root';

const ROOT = projectRoot();
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const PEERS = Object.keys(MANIFEST.peerDependencies).sort();
const NPM_TIMEOUT_MS = 8 * 60 * 1000;

let work: string;
let tarball: string;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: NPM_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    // The user's shared npm cache; no audit or funding round trips; never this repository's config.
    env: { ...process.env, CHECKPOINT_DISABLE: '1', FORCE_COLOR: '0', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...env },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(cwd: string, command: string, args: string[]): string {
  const r = run(cwd, command, args);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status} in ${cwd}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const npm = (cwd: string, ...args: string[]): string => ok(cwd, 'npm', ['--prefer-offline', ...args]);

function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

/** Installed version of a package in a project (its own copy, not sqsguard's). */
function installed(dir: string, name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Every copy of `name` anywhere in the project's node_modules tree. */
function copies(dir: string, name: string): string[] {
  const out: string[] = [];
  const walk = (nm: string): void => {
    if (!fs.existsSync(nm)) return;
    for (const entry of fs.readdirSync(nm)) {
      const scoped = entry.startsWith('@') ? fs.readdirSync(path.join(nm, entry)).map((e) => `${entry}/${e}`) : [entry];
      for (const pkg of scoped) {
        const at = path.join(nm, pkg);
        if (pkg === name) out.push(path.relative(dir, at));
        walk(path.join(at, 'node_modules'));
      }
    }
  };
  walk(path.join(dir, 'node_modules'));
  return out.sort();
}

beforeAll(() => {
  // Outside the repository: nothing resolves from this repository's node_modules.
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-consumer-'));
  if (!fs.existsSync(path.join(ROOT, 'dist', 'lib', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  // --ignore-scripts: pack the dist/ the test script built, without rebuilding it under other suites.
  const packed = JSON.parse(ok(ROOT, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work])) as { filename: string }[];
  tarball = path.join(work, packed[0].filename);
}, NPM_TIMEOUT_MS);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const APP_FILES: Record<string, string> = {
  // cdktf's own template compiles with CommonJS and classic node resolution: the strictest case for subpaths.
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: false, outDir: 'out', types: ['node', 'jest'] },
    include: ['main.ts', 'stack.ts', 'stack.test.ts'],
  }),
  'stack.ts': [
    "import { TerraformStack } from 'cdktf';",
    "import { Construct } from 'constructs';",
    "import { AwsProvider } from '@cdktf/provider-aws/lib/provider';",
    "import { QueueWorker, QueueWorkerProps } from 'sqsguard';",
    '',
    'export class OrdersStack extends TerraformStack {',
    "  constructor(scope: Construct, id: string, props: Partial<QueueWorkerProps> = {}) {",
    '    super(scope, id);',
    "    new AwsProvider(this, 'aws', { region: 'us-east-1' });",
    "    new QueueWorker(this, 'orders', { name: 'orders', code: { directory: 'worker', handler: 'handler.handler' }, ...props });",
    '  }',
    '}',
    '',
  ].join('\n'),
  'main.ts': [
    "import { App } from 'cdktf';",
    "import { synthWithGuard } from 'sqsguard';",
    "import { OrdersStack } from './stack';",
    '',
    "const app = new App({ outdir: 'cdktf.out' });",
    "new OrdersStack(app, 'orders-dev');",
    'synthWithGuard(app);',
    '',
  ].join('\n'),
  'stack.test.ts': [
    "import 'sqsguard/jest';",
    "import { Testing } from 'cdktf';",
    "import { OrdersStack } from './stack';",
    '',
    "test('the orders stack passes sqsguard', () => {",
    "  expect(Testing.synth(new OrdersStack(Testing.app(), 'test'))).toPassSqsguard({ strict: true });",
    '});',
    '',
    "test('batches without partial batch responses warn SQSL008 on the mapping', () => {",
    "  const stack = new OrdersStack(Testing.app(), 'test', { batchSize: 10, reportBatchItemFailures: false });",
    "  expect(Testing.synth(stack)).toHaveSqsguardFinding('SQSL008', { resource: 'aws_lambda_event_source_mapping.*', severity: 'warn' });",
    "  expect(stack).toHaveSqsguardFinding('SQSL008', { resource: 'test/orders/*' });",
    '});',
    '',
  ].join('\n'),
  'jest.config.js': "module.exports = { testEnvironment: 'node', roots: ['<rootDir>/out'] };\n",
  // A nested worker with TypeScript and JavaScript: the bundle must carry all of it.
  'worker/handler.ts': "import { count } from './lib/count';\nexport const handler = async (event: { Records: unknown[] }) => ({ batchItemFailures: [], processed: count(event.Records) });\n",
  'worker/lib/count.js': 'exports.count = (records) => records.length;\n',
  'worker/lib/count.d.ts': 'export declare function count(records: unknown[]): number;\n',
};

function appManifest(peerVersions: Record<string, string>): string {
  const dev = MANIFEST.devDependencies;
  return JSON.stringify({
    name: 'consumer-app',
    version: '1.0.0',
    private: true,
    dependencies: { ...peerVersions, sqsguard: `file:${tarball}` },
    devDependencies: { typescript: dev.typescript, jest: dev.jest, '@types/jest': dev['@types/jest'], '@types/node': dev['@types/node'] },
  });
}

/** Builds, tests, synthesizes and checks the app in `dir`, asserting each step. */
function exerciseApp(dir: string): void {
  // One copy of each peer: sqsguard brings none of its own (the TS2345 / `_scopes` failures of two copies).
  for (const peer of PEERS) expect(copies(dir, peer)).toEqual([path.join('node_modules', peer)]);
  // Types: classic node resolution (cdktf's template) and Node16 resolution (package `exports`).
  ok(dir, path.join('node_modules', '.bin', 'tsc'), ['-p', '.']);
  ok(dir, path.join('node_modules', '.bin', 'tsc'), ['-p', '.', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16']);
  const jest = run(dir, path.join('node_modules', '.bin', 'jest'), ['--ci']);
  expect(`${jest.stdout}${jest.stderr}`).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(jest.status).toBe(0);

  fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
  ok(dir, process.execPath, ['out/main.js']);
  const check = run(dir, 'npx', ['--no-install', 'sqsguard', 'check', 'cdktf.out']);
  expect(check.stderr).toBe('');
  expect(check.stdout).toContain('PASS: 0 deny, 0 warn, 0 undetermined, 0 suppressed');
  expect(check.status).toBe(0);

  // The worker's archive holds the nested sources, compiled.
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'orders-dev', 'cdk.tf.json'), 'utf8')) as {
    resource: { aws_lambda_function: Record<string, { filename: string }> };
  };
  const [fn] = Object.values(config.resource.aws_lambda_function);
  const assetDir = path.join(dir, 'cdktf.out', 'stacks', 'orders-dev', fn.filename.replace(/^\$\{path\.module\}\//, '').replace(/^\.\//, ''));
  const listing = execFileSync('unzip', ['-Z1', fs.existsSync(assetDir) ? assetDir : path.join(dir, 'cdktf.out', 'stacks', 'orders-dev', fn.filename)], { encoding: 'utf8' });
  expect(listing.split('\n').filter(Boolean).sort()).toEqual(['handler.js', 'lib/', 'lib/count.js']);
}

describe('sqsguard installed from its tarball', () => {
  test('npm pack ships only dist/lib, dist/bin, the compiled policy and catalogue, the HCL reader, README and LICENSE', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const unexpected = listed.filter(
      (f) => !/^package\/(dist\/(lib|bin)\/.+\.(js|d\.ts)|dist\/policies\/dist\/thresholds\.json|policies\/dist\/(policy\.wasm|rules\.json)|hcl\/dist\/(hcl\.wasm|wasm_exec\.js)|README\.md|LICENSE|package\.json)$/.test(f),
    );
    expect(unexpected).toEqual([]);
    for (const needed of ['package/dist/lib/index.js', 'package/dist/lib/jest/index.d.ts', 'package/dist/bin/sqsguard.js', 'package/policies/dist/policy.wasm', 'package/LICENSE']) {
      expect(listed).toContain(needed);
    }
    expect(listed.some((f) => f.includes('__tests__') || f.includes('toolchain'))).toBe(false);
  });

  test('a cdktf app with the oldest peers the ranges allow (the repository pins), then with the newest', () => {
    const dir = path.join(work, 'app');
    fs.mkdirSync(dir);
    writeFiles(dir, APP_FILES);
    // (a) the lowest versions the peer ranges allow: the repository's own pins of cdktf, constructs
    // and the provider bindings, and the oldest esbuild the range admits
    const floors = Object.fromEntries(PEERS.map((p) => [p, /\d+\.\d+\.\d+/.exec(MANIFEST.peerDependencies[p])?.[0] ?? '']));
    for (const p of ['cdktf', 'constructs', '@cdktf/provider-aws']) expect(floors[p]).toBe(MANIFEST.devDependencies[p]);
    fs.writeFileSync(path.join(dir, 'package.json'), appManifest(floors));
    npm(dir, 'install');
    for (const peer of PEERS) expect(installed(dir, peer)).toBe(floors[peer]);
    exerciseApp(dir);

    // (b) the newest versions the peer ranges allow, resolved by npm from the ranges themselves
    npm(dir, 'install', ...PEERS.map((p) => `${p}@${MANIFEST.peerDependencies[p]}`));
    const newest = Object.fromEntries(PEERS.map((p) => [p, installed(dir, p)]));
    const expected = Object.fromEntries(
      PEERS.map((p) => [p, (JSON.parse(npm(dir, 'view', `${p}@${MANIFEST.peerDependencies[p]}`, 'version', '--json')) as string | string[])]),
    );
    for (const p of PEERS) {
      const versions = ([] as string[]).concat(expected[p]);
      expect(newest[p]).toBe(versions[versions.length - 1]);
    }
    exerciseApp(dir);
  });

  test('a CLI-only install has none of cdktf, constructs, the provider bindings or esbuild, and checks a plan', () => {
    const dir = path.join(work, 'cli-only');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'terraform-user', version: '1.0.0', private: true }));
    npm(dir, 'install', tarball);
    for (const absent of [...PEERS, 'cdktf-cli']) expect(copies(dir, absent)).toEqual([]);

    const plan = path.join(ROOT, 'fixtures', 'plan', 'sqsl003_no_dlq.json');
    const check = run(dir, 'npx', ['--no-install', 'sqsguard', 'check', plan]);
    expect(check.stderr).toBe('');
    expect(check.stdout).toContain('SQSL003');
    expect(check.stdout).toMatch(/FAIL: [1-9]\d* deny/);
    expect(check.status).toBe(1);
    expect(ok(dir, 'npx', ['--no-install', 'sqsguard', '--version']).trim()).toBe(MANIFEST.version);

    // The check API without cdktf: `sqsguard/check`; the main export needs the construct's peers.
    const api = [
      "const { evaluate, loadInputs, verdict } = require('sqsguard/check');",
      `const report = evaluate(loadInputs([${JSON.stringify(plan)}]), { version: 'api' });`,
      "process.stdout.write(report.inputs[0].kind + ' ' + report.findings.map((f) => f.rule).join(',') + ' ' + verdict(report));",
    ].join('\n');
    expect(ok(dir, process.execPath, ['-e', api])).toMatch(/^plan (\w+,)*SQSL003(,\w+)* FAIL: [1-9]\d* deny/);
    const main = run(dir, process.execPath, ['-e', "require('sqsguard')"]);
    expect(main.status).not.toBe(0);
    expect(main.stderr).toContain("Error: sqsguard: the construct and the guard need the peer dependency cdktf: install cdktf, constructs and @cdktf/provider-aws (ranges: sqsguard's peerDependencies); the check API alone is 'sqsguard/check'");
  });
});
