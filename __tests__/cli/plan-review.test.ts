/**
 * scripts/plan-review.sh (the steps of .github/workflows/plan-review.yml) end to end, offline: real
 * `cdktf synth`, `terraform init/plan/show -json` against the provider mirror, the real CLI. Then the
 * CLI on a real plan of an unsafe stack and on a real plan without SQS or Lambda resources.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';
import { findTerraform, offlineTerraformEnv } from '../../scripts/dev/toolchain';
import { ROOT, runCli, sarifValidator } from './run-cli';
import { cdktfCommand } from '../../scripts/cdktf-cli';

jest.setTimeout(300000);

function plan(dir: string, env: NodeJS.ProcessEnv): string {
  const tf = findTerraform();
  const run = (args: string[]) => execFileSync(tf, [`-chdir=${dir}`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  run(['init', '-input=false', '-no-color']);
  run(['plan', '-input=false', '-lock=false', '-no-color', '-out=tfplan']);
  const file = path.join(dir, 'plan.json');
  fs.writeFileSync(file, run(['show', '-json', 'tfplan']));
  return file;
}

describe('plan review', () => {
  let dir: string;
  let review: string;
  let status: number | null;
  let stderr: string;
  let tfEnv: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-plan-'));
    review = path.join(dir, 'review');
    tfEnv = { ...offlineTerraformEnv(dir), AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1', SQSGUARD_AWS_OFFLINE: '1' };
    const summary = path.join(dir, 'step-summary.md');
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'plan-review.sh'), review], {
      cwd: ROOT,
      env: { ...process.env, SQSGUARD_OFFLINE: '1', SQSGUARD_SKIP_BUILD: '1', GITHUB_STEP_SUMMARY: summary },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    status = r.status;
    stderr = r.stderr;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('GIVEN the default stacks WHEN plan-review.sh runs THEN it plans both stacks and passes', () => {
    if (status !== 0) throw new Error(`plan-review.sh exited ${status}:\n${stderr.slice(-3000)}`);
    expect(fs.readdirSync(path.join(review, 'plans')).sort()).toEqual(['orders-dev.json', 'orders-prod.json']);
    for (const f of ['review.md', 'sqsguard.sarif', 'sqsguard.json', 'junit.xml']) expect(fs.existsSync(path.join(review, f))).toBe(true);
  });

  it('GIVEN the review WHEN read THEN the Markdown has the verdict and retry budget and went to $GITHUB_STEP_SUMMARY', () => {
    const md = fs.readFileSync(path.join(review, 'review.md'), 'utf8');
    expect(md).toContain('✅ **sqsguard: no deny findings');
    expect(md).toContain('`plans/orders-dev.json` (plan)');
    expect(md).toContain('### Retry budget');
    expect(fs.readFileSync(path.join(dir, 'step-summary.md'), 'utf8')).toBe(md);
  });

  it('GIVEN the review WHEN read THEN the JSON names plan inputs and both pipelines, the SARIF validates, the JUnit parses', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(review, 'sqsguard.json'), 'utf8'));
    expect(doc.inputs).toEqual([
      { path: 'plans/orders-dev.json', kind: 'plan' },
      { path: 'plans/orders-prod.json', kind: 'plan' },
    ]);
    expect(doc.summary.deny).toBe(0);
    expect(doc.pipelines).toHaveLength(2);
    expect(doc.pipelines[1]).toMatchObject({ max_concurrent_batches: 20, source_retention_seconds: 604800 });
    expect(sarifValidator()(JSON.parse(fs.readFileSync(path.join(review, 'sqsguard.sarif'), 'utf8')))).toEqual([]);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(fs.readFileSync(path.join(review, 'junit.xml'), 'utf8'));
    expect(Number(junit.testsuites.failures)).toBe(0);
  });

  it('GIVEN a real plan of an unsafe stack WHEN checked THEN exit 1 with the deny findings, in SARIF with logical locations', () => {
    // synthesize the unsafe app with the guard off (it would refuse), then plan it for real
    const project = path.join(dir, 'unsafe');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'cdktf.json'),
      JSON.stringify({ language: 'typescript', app: `node ${path.join(ROOT, 'dist-dev', '__tests__', 'guard', 'apps', 'unsafe-app.js')}`, context: { 'sqsguard:guard': false } }),
    );
    const cdktf = cdktfCommand(ROOT, ['synth', '--output', 'cdktf.out']);
    execFileSync(cdktf.command, cdktf.args, {
      cwd: project,
      env: { ...tfEnv, CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const planFile = plan(path.join(project, 'cdktf.out', 'stacks', 'orders-unsafe'), tfEnv);
    const r = runCli(['check', planFile, '--format', 'json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.inputs[0].kind).toBe('plan');
    expect(doc.findings.filter((f: { severity: string }) => f.severity === 'deny').map((f: { rule: string }) => f.rule)).toEqual(['SQSL001', 'SQSL002']);
    const text = runCli(['check', planFile]);
    expect(text.stdout).toContain(`input: ${planFile} (terraform plan)`);
    const sarif = JSON.parse(runCli(['check', planFile, '--format', 'sarif']).stdout);
    expect(sarifValidator()(sarif)).toEqual([]);
    expect(sarif.runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^aws_sqs_queue\.orders_Queue_/);
  });

  it('GIVEN a valid plan with no SQS or Lambda resources WHEN checked THEN exit 0 and it says so', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'main.tf.json'), JSON.stringify({ output: { greeting: { value: 'hello' } } }));
    const planFile = plan(empty, tfEnv);
    const r = runCli(['check', planFile]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('no SQS queues, Lambda functions or event source mappings');
    expect(r.stdout).toContain('PASS');
  });
});
