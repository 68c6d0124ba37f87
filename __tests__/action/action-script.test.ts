/**
 * scripts/action.sh (the steps of action.yml) end to end, offline, on projects that are NOT this
 * repository: a Terraform project and a cdktf app written into a temporary directory. Real npm pack /
 * npm install of sqsguard, real `cdktf synth` (the app installs cdktf and constructs from the npm
 * registry, through the shared npm cache), real terraform init/plan/show against the provider mirror.
 * The reviews must name the temporary projects' resources — never this repository's stacks.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { offlineTerraformEnv } from '../../scripts/dev/toolchain';
import { sarifValidator } from '../cli/run-cli';

jest.setTimeout(600000);

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'action.sh');
const MARKER = '<!-- sqsguard-plan-review -->';
// this repository's stacks and resources: a review naming them reviewed the wrong project
const THIS_REPOSITORY = /orders-dev|orders-prod|aws_sqs_queue\.orders/;
// the temporary projects' resources (Terraform names; the cdktf app's ids)
const PROJECT_RESOURCES = new Set([
  'aws_sqs_queue.jobs',
  'aws_iam_role.worker',
  'aws_iam_role.worker_role',
  'aws_lambda_function.worker',
  'aws_lambda_event_source_mapping.jobs',
  'aws_lambda_event_source_mapping.jobs_mapping',
]);

// A queue without a DLQ whose visibility timeout is below the function's timeout: SQSL001-003 deny.
const MAIN_TF = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

resource "aws_sqs_queue" "jobs" {
  name                       = "jobs"
  visibility_timeout_seconds = 30
}

resource "aws_iam_role" "worker" {
  name = "jobs-worker"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_function" "worker" {
  function_name = "jobs-worker"
  role          = aws_iam_role.worker.arn
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  filename      = "\${path.module}/worker.zip"
  timeout       = 60
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 10
}
`;
// an empty zip archive (end-of-central-directory record only): enough to plan a function
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

// The same pipeline as a cdktf app without generated provider bindings (raw resources), so that it
// installs only cdktf and constructs.
const CDKTF_APP = `const { App, TerraformStack, TerraformProvider, TerraformResource } = require('cdktf');

class JobsStack extends TerraformStack {
  constructor(scope, id) {
    super(scope, id);
    const aws = new TerraformProvider(this, 'aws', {
      terraformResourceType: 'aws',
      terraformProviderSource: 'hashicorp/aws',
      terraformGeneratorMetadata: { providerName: 'aws', providerVersion: '5.100.0' },
    });
    const settings = { region: 'us-east-1', access_key: 'test', secret_key: 'test', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true };
    for (const [k, v] of Object.entries(settings)) aws.addOverride(k, v);
    const resource = (type, name, attributes) => {
      const r = new TerraformResource(this, name, { terraformResourceType: type, terraformGeneratorMetadata: { providerName: 'aws' }, provider: aws });
      for (const [k, v] of Object.entries(attributes)) r.addOverride(k, v);
      return r;
    };
    const queue = resource('aws_sqs_queue', 'jobs', { name: id + '-jobs', visibility_timeout_seconds: 30 });
    const assume = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const role = resource('aws_iam_role', 'worker_role', { name: id + '-worker', assume_role_policy: JSON.stringify(assume) });
    const fn = resource('aws_lambda_function', 'worker', { function_name: id + '-worker', role: role.getStringAttribute('arn'), runtime: 'nodejs22.x', handler: 'index.handler', filename: 'worker.zip', timeout: 60 });
    resource('aws_lambda_event_source_mapping', 'jobs_mapping', { event_source_arn: queue.getStringAttribute('arn'), function_name: fn.getStringAttribute('arn'), batch_size: 10 });
  }
}

const app = new App();
new JobsStack(app, 'jobs-dev');
app.synth();
`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  out: string;
}

interface Finding {
  rule: string;
  severity: string;
  resource: string;
}

describe('the action script (scripts/action.sh) on projects that are not this repository', () => {
  let tmp: string;
  let baseEnv: NodeJS.ProcessEnv;
  let tarball: string;
  let local: Run;
  let runs = 0;

  function writeTerraformProject(name: string): string {
    const dir = path.join(tmp, 'workspace', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'main.tf'), MAIN_TF);
    fs.writeFileSync(path.join(dir, 'worker.zip'), EMPTY_ZIP);
    return dir;
  }

  /** Runs the action script from the workspace (the checkout) with the action's inputs as env. */
  function runAction(inputs: Record<string, string>): Run {
    runs += 1;
    const out = path.join(tmp, `out-${runs}`);
    const githubOutput = path.join(tmp, `github-output-${runs}`);
    const summaryFile = path.join(tmp, `step-summary-${runs}.md`);
    fs.writeFileSync(summaryFile, '# earlier steps\n');
    const r = spawnSync('bash', [SCRIPT], {
      cwd: path.join(tmp, 'workspace'),
      env: { ...baseEnv, SQSGUARD_OUT: out, GITHUB_OUTPUT: githubOutput, GITHUB_STEP_SUMMARY: summaryFile, ...inputs },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    const outputs: Record<string, string> = {};
    if (fs.existsSync(githubOutput)) {
      for (const line of fs.readFileSync(githubOutput, 'utf8').split('\n').filter(Boolean)) {
        const i = line.indexOf('=');
        outputs[line.slice(0, i)] = line.slice(i + 1);
      }
    }
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: fs.readFileSync(summaryFile, 'utf8'), out };
  }

  const fail = (r: Run): string => `exit ${r.status}\n${r.stderr.slice(-4000)}`;
  const findings = (r: Run): Finding[] => JSON.parse(fs.readFileSync(path.join(r.out, 'sqsguard.json'), 'utf8')).findings as Finding[];
  const denied = (r: Run): string[] => [...new Set(findings(r).filter((f) => f.severity === 'deny').map((f) => `${f.rule} ${f.resource}`))].sort();

  /**
   * What every successful review must hold: reports, outputs, summary, comment; for a temporary
   * project (not the fixture files), findings about its resources only.
   */
  function expectReview(r: Run, of: 'project' | 'files' = 'project'): void {
    for (const f of ['review.md', 'comment.md', 'sqsguard.sarif', 'sqsguard.json']) expect(fs.existsSync(path.join(r.out, f))).toBe(true);
    const doc = JSON.parse(fs.readFileSync(path.join(r.out, 'sqsguard.json'), 'utf8'));
    expect(r.outputs).toMatchObject({
      deny: String(doc.summary.deny),
      warn: String(doc.summary.warn),
      undetermined: String(doc.summary.undetermined),
      markdown: path.join(r.out, 'review.md'),
      comment: path.join(r.out, 'comment.md'),
      sarif: path.join(r.out, 'sqsguard.sarif'),
      json: path.join(r.out, 'sqsguard.json'),
      'exit-code': String(r.status),
    });
    const md = fs.readFileSync(path.join(r.out, 'review.md'), 'utf8');
    expect(md).toContain('## sqsguard plan review');
    expect(r.summary).toBe(`# earlier steps\n${md}`);
    expect(fs.readFileSync(path.join(r.out, 'comment.md'), 'utf8')).toBe(`${MARKER}\n${md}`);
    expect(sarifValidator()(JSON.parse(fs.readFileSync(path.join(r.out, 'sqsguard.sarif'), 'utf8')))).toEqual([]);
    if (of === 'project') {
      expect(md).not.toMatch(THIS_REPOSITORY);
      expect(fs.readFileSync(path.join(r.out, 'sqsguard.json'), 'utf8')).not.toMatch(THIS_REPOSITORY);
      expect(findings(r).length).toBeGreaterThan(0);
      expect(findings(r).filter((f) => !PROJECT_RESOURCES.has(f.resource))).toEqual([]);
    }
  }

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-action-'));
    fs.mkdirSync(path.join(tmp, 'workspace'));
    // a cdktf CLI installed for the job (as `npm install -g cdktf-cli` would), not one of the app's dependencies
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(path.join(ROOT, 'node_modules', '.bin', 'cdktf'), path.join(bin, 'cdktf'));
    baseEnv = {
      ...offlineTerraformEnv(tmp),
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      // npm: the registry is reachable, but the shared cache answers first
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
    };
    for (const k of Object.keys(baseEnv)) if (k.startsWith('SQSGUARD_') || k.startsWith('GITHUB_')) delete baseEnv[k];

    // `version: local` (uses: ./): npm pack of this checkout; later runs install the same tarball
    const plans = path.join(tmp, 'workspace', 'plans');
    fs.mkdirSync(plans);
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'plan', 'sqsl004_max_receive_count.json'), path.join(plans, 'retries.json'));
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'plan', 'sqsl003_no_dlq.json'), path.join(plans, 'no-dlq.json'));
    local = runAction({ SQSGUARD_MODE: 'files', SQSGUARD_WORKING_DIRECTORY: 'plans', SQSGUARD_FILES: 'retries.json', SQSGUARD_FAIL_ON: 'warn', SQSGUARD_VERSION: 'local' });
    const packed = fs.existsSync(path.join(local.out, '.sqsguard')) ? fs.readdirSync(path.join(local.out, '.sqsguard')).filter((f) => f.endsWith('.tgz')) : [];
    if (packed.length !== 1) throw new Error(`version local packed ${packed.length} tarballs: ${fail(local)}`);
    tarball = path.join(tmp, packed[0]);
    fs.copyFileSync(path.join(local.out, '.sqsguard', packed[0]), tarball);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  describe('mode files', () => {
    it('GIVEN version local and a plan with only warn findings WHEN fail-on warn THEN exit 1 with the counts as outputs', () => {
      if (local.status !== 1) throw new Error(fail(local));
      expectReview(local, 'files');
      expect(local.outputs).toMatchObject({ deny: '0', warn: '1' });
      expect(findings(local).map((f) => `${f.severity} ${f.rule}`)).toEqual(['warn SQSL004']);
      expect(local.stderr).toMatch(/^sqsguard-action: npm pack /m); // version local packed this checkout
      expect(local.stderr).toMatch(/^sqsguard-action: sqsguard \d+\.\d+\.\d+$/m);
    });

    it('GIVEN the same plan WHEN fail-on deny THEN exit 0', () => {
      const r = runAction({ SQSGUARD_MODE: 'files', SQSGUARD_WORKING_DIRECTORY: 'plans', SQSGUARD_FILES: 'retries.json', SQSGUARD_VERSION: tarball });
      if (r.status !== 0) throw new Error(fail(r));
      expectReview(r, 'files');
    });

    it('GIVEN two files, one with a deny finding WHEN fail-on never THEN exit 0, and the deny is counted', () => {
      const r = runAction({ SQSGUARD_MODE: 'files', SQSGUARD_WORKING_DIRECTORY: 'plans', SQSGUARD_FILES: 'retries.json\nno-dlq.json', SQSGUARD_FAIL_ON: 'never', SQSGUARD_VERSION: tarball });
      if (r.status !== 0) throw new Error(fail(r));
      expectReview(r, 'files');
      expect(r.outputs.deny).toBe('1');
      expect(JSON.parse(fs.readFileSync(path.join(r.out, 'sqsguard.json'), 'utf8')).inputs.map((i: { path: string }) => i.path)).toEqual(['retries.json', 'no-dlq.json']);
    });

    it('GIVEN a suppressions file (relative to the workspace) WHEN the deny is suppressed THEN exit 0 and it is counted as suppressed', () => {
      const suppressions = path.join(tmp, 'workspace', 'sqsguard.suppressions.json');
      fs.writeFileSync(suppressions, JSON.stringify([{ rule: 'SQSL003', resource: 'aws_sqs_queue.orders', reason: 'replayed from the source system' }]));
      const r = runAction({ SQSGUARD_MODE: 'files', SQSGUARD_WORKING_DIRECTORY: 'plans', SQSGUARD_FILES: 'no-dlq.json', SQSGUARD_SUPPRESSIONS: 'sqsguard.suppressions.json', SQSGUARD_VERSION: tarball });
      if (r.status !== 0) throw new Error(fail(r));
      expectReview(r, 'files');
      expect(r.outputs).toMatchObject({ deny: '0', suppressed: '1' });
    });

    it('GIVEN a bad input WHEN run THEN exit 2 with one line on stderr, before installing anything', () => {
      const bad: Record<string, string>[] = [{ SQSGUARD_MODE: 'plan' }, { SQSGUARD_MODE: 'files', SQSGUARD_FAIL_ON: 'sometimes' }, { SQSGUARD_MODE: 'files' }, { SQSGUARD_MODE: 'terraform-dir', SQSGUARD_WORKING_DIRECTORY: 'nowhere' }];
      for (const inputs of bad) {
        const r = runAction({ SQSGUARD_VERSION: tarball, ...inputs });
        expect({ inputs, status: r.status, lines: r.stderr.trim().split('\n').length }).toEqual({ inputs, status: 2, lines: 1 });
        expect(r.stderr).toMatch(/^sqsguard-action: /);
        expect(fs.existsSync(path.join(r.out, '.sqsguard'))).toBe(false);
      }
    });
  });

  describe('mode terraform-plan', () => {
    it('GIVEN a Terraform project and credentials WHEN run THEN it plans that project and fails on its deny findings', () => {
      const project = writeTerraformProject('terraform');
      const r = runAction({ SQSGUARD_MODE: 'terraform-plan', SQSGUARD_WORKING_DIRECTORY: 'terraform', SQSGUARD_VERSION: tarball });
      if (r.status !== 1) throw new Error(fail(r));
      expectReview(r);
      expect(fs.existsSync(path.join(project, '.terraform'))).toBe(true); // terraform init ran in the user's directory
      const doc = JSON.parse(fs.readFileSync(path.join(r.out, 'sqsguard.json'), 'utf8'));
      expect(doc.inputs).toEqual([{ path: 'plans/plan.json', kind: 'plan' }]);
      expect(denied(r)).toEqual(expect.arrayContaining(['SQSL001 aws_sqs_queue.jobs', 'SQSL003 aws_sqs_queue.jobs']));
      expect(r.stdout).not.toContain('::notice');
    });

    // depends on `sqsguard check <dir>` (the Terraform-directory input, being built on another branch):
    // this fails until it is merged
    it('GIVEN a pull request from a fork (no credentials) WHEN run THEN a notice, no terraform, and the Terraform files are checked [needs `sqsguard check <dir>`]', () => {
      const project = writeTerraformProject('terraform-fork');
      const r = runAction({ SQSGUARD_MODE: 'terraform-plan', SQSGUARD_WORKING_DIRECTORY: 'terraform-fork', SQSGUARD_NO_CREDENTIALS: 'true', SQSGUARD_VERSION: tarball });
      expect(r.stdout).toMatch(/^::notice title=sqsguard::no AWS credentials \(pull request from a fork\)/m);
      expect(fs.existsSync(path.join(project, '.terraform'))).toBe(false);
      expect(fs.existsSync(path.join(r.out, 'plans'))).toBe(false);
      if (r.status !== 1) throw new Error(fail(r));
      expectReview(r);
      expect(denied(r)).toEqual(expect.arrayContaining(['SQSL001 aws_sqs_queue.jobs', 'SQSL003 aws_sqs_queue.jobs']));
    });
  });

  describe('mode terraform-dir', () => {
    // depends on `sqsguard check <dir>` (the Terraform-directory input, being built on another branch):
    // this fails until it is merged
    it('GIVEN a Terraform project WHEN run without credentials THEN its files are checked without terraform [needs `sqsguard check <dir>`]', () => {
      const project = writeTerraformProject('terraform-dir');
      const r = runAction({ SQSGUARD_MODE: 'terraform-dir', SQSGUARD_WORKING_DIRECTORY: 'terraform-dir', SQSGUARD_VERSION: tarball });
      expect(fs.existsSync(path.join(project, '.terraform'))).toBe(false);
      if (r.status !== 1) throw new Error(fail(r));
      expectReview(r);
      expect(denied(r)).toEqual(expect.arrayContaining(['SQSL001 aws_sqs_queue.jobs', 'SQSL003 aws_sqs_queue.jobs']));
    });
  });

  describe('mode cdktf', () => {
    let app: string;
    beforeAll(() => {
      app = path.join(tmp, 'workspace', 'app');
      fs.mkdirSync(app);
      fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'jobs-app', private: true, dependencies: { cdktf: '0.21.0', constructs: '10.4.2' } }, null, 2));
      fs.writeFileSync(path.join(app, 'cdktf.json'), JSON.stringify({ language: 'javascript', app: 'node main.js', terraformProviders: [], context: {} }, null, 2));
      fs.writeFileSync(path.join(app, 'main.js'), CDKTF_APP);
    });

    it('GIVEN a cdktf app and credentials WHEN plan is on THEN it synthesizes and plans that app, not this repository', () => {
      const r = runAction({ SQSGUARD_MODE: 'cdktf', SQSGUARD_WORKING_DIRECTORY: 'app', SQSGUARD_PLAN: 'true', SQSGUARD_VERSION: tarball });
      if (r.status !== 1) throw new Error(fail(r));
      expectReview(r);
      expect(fs.existsSync(path.join(app, 'node_modules', 'cdktf'))).toBe(true); // the app's dependencies were installed
      expect(fs.readdirSync(path.join(r.out, 'cdktf.out', 'stacks'))).toEqual(['jobs-dev']);
      const doc = JSON.parse(fs.readFileSync(path.join(r.out, 'sqsguard.json'), 'utf8'));
      expect(doc.inputs).toEqual([{ path: 'plans/jobs-dev.json', kind: 'plan' }]);
      expect(denied(r)).toEqual(expect.arrayContaining(['SQSL001 aws_sqs_queue.jobs', 'SQSL003 aws_sqs_queue.jobs']));
    });

    it('GIVEN a pull request from a fork WHEN plan is on THEN a notice, no terraform, and the synthesized stacks are checked', () => {
      const r = runAction({ SQSGUARD_MODE: 'cdktf', SQSGUARD_WORKING_DIRECTORY: 'app', SQSGUARD_PLAN: 'true', SQSGUARD_NO_CREDENTIALS: 'true', SQSGUARD_VERSION: tarball });
      if (r.status !== 1) throw new Error(fail(r));
      expect(r.stdout).toMatch(/^::notice title=sqsguard::no AWS credentials \(pull request from a fork\)/m);
      expectReview(r);
      expect(fs.existsSync(path.join(r.out, 'plans'))).toBe(false);
      const doc = JSON.parse(fs.readFileSync(path.join(r.out, 'sqsguard.json'), 'utf8'));
      expect(doc.inputs).toEqual([{ path: 'cdktf.out/stacks/jobs-dev/cdk.tf.json', kind: 'synth', stack: 'jobs-dev' }]);
      expect(denied(r)).toEqual(expect.arrayContaining(['SQSL001 aws_sqs_queue.jobs', 'SQSL003 aws_sqs_queue.jobs']));
    });

    it('GIVEN a cdktf app whose synth fails WHEN run THEN exit 2 (not a verdict), no reports, no outputs', () => {
      const broken = path.join(tmp, 'workspace', 'broken-app');
      fs.mkdirSync(broken);
      fs.writeFileSync(path.join(broken, 'cdktf.json'), JSON.stringify({ language: 'javascript', app: 'node -e "process.exit(3)"' }));
      const r = runAction({ SQSGUARD_MODE: 'cdktf', SQSGUARD_WORKING_DIRECTORY: 'broken-app', SQSGUARD_VERSION: tarball });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^sqsguard-action: failed \(exit \d+\): .*synth/m);
      expect(fs.existsSync(path.join(r.out, 'sqsguard.json'))).toBe(false);
      expect(r.outputs).toEqual({});
    });
  });
});
