/**
 * The real CLI on Terraform directories: the input kind, `path:line` in every format, --var-file,
 * --source-dir, a remote module (undetermined, never a pass), the credential-free plan review, and
 * bad HCL (exit 2, one stderr line naming file and line).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runCli, sarifValidator } from '../cli/run-cli';

const CASE = 'fixtures/hcl/flat-locals-jsonencode';

interface JsonFinding {
  rule: string;
  resource: string;
  severity: string;
  file?: string;
  line?: number;
}
const json = (stdout: string): { inputs: { kind: string }[]; findings: JsonFinding[] } => JSON.parse(stdout);
const at = (fs: JsonFinding[], rule: string): string[] => fs.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}`);

describe('sqsguard check <Terraform directory>', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-hcl-'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A root module in the temp dir from file name -> content; returns its path. */
  const module = (name: string, files: Record<string, string>): string => {
    const dir = path.join(tmp, name);
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
  };

  it('GIVEN a directory of .tf files WHEN checked as text THEN its kind is printed and each finding shows path:line', () => {
    const r = runCli(['check', CASE]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`input: ${CASE} (Terraform configuration)`);
    expect(r.stdout).toMatch(/DENY +SQSL001 +aws_sqs_queue\.orders\n.*\n {2}at fixtures\/hcl\/flat-locals-jsonencode\/locals\.tf:7\n/);
    expect(r.stdout).toContain(`  at ${CASE}/terraform.tfvars:1`);
  });

  it('GIVEN the same directory WHEN checked as json and markdown THEN findings carry file and line', () => {
    const doc = json(runCli(['check', CASE, '--format', 'json']).stdout);
    expect(doc.inputs.map((i) => i.kind)).toEqual(['hcl']);
    expect(at(doc.findings, 'SQSL001')).toEqual([`${CASE}/locals.tf:7`]);
    expect(at(doc.findings, 'SQSL004')).toEqual([`${CASE}/terraform.tfvars:1`]);
    const md = runCli(['check', CASE, '--format', 'markdown']).stdout;
    expect(md).toContain(`\`aws_sqs_queue.orders\`<br>\`${CASE}/locals.tf:7\``);
  });

  it('GIVEN a plan and its directory WHEN checked with --source-dir as sarif from another working directory THEN the .tf line is relative to it', () => {
    const cwd = path.join(ROOT, 'fixtures');
    const r = runCli(['check', `hcl/flat-locals-jsonencode/plan.json`, '--source-dir', 'hcl/flat-locals-jsonencode', '--format', 'sarif'], { cwd });
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarifValidator()(sarif)).toEqual([]);
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'SQSL004');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'hcl/flat-locals-jsonencode/terraform.tfvars', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    expect(result.properties.input).toBe('hcl/flat-locals-jsonencode/plan.json');
  });

  it('GIVEN the plan alone WHEN checked THEN a literal maxReceiveCount inside jsonencode() beside an unknown ARN is undetermined, and found with --source-dir', () => {
    // a literal, not a variable: the plan's `variables` give the model var.max_receive_count (CASE)
    const literal = 'corpus/jsonencode-literal-mrc';
    const plan = json(runCli(['check', `${literal}/plan.json`, '--format', 'json']).stdout);
    expect(plan.findings.filter((f) => f.rule === 'SQSL004').map((f) => f.severity)).toEqual(['undetermined']);
    const withSource = json(runCli(['check', `${literal}/plan.json`, '--source-dir', literal, '--format', 'json']).stdout);
    expect(withSource.findings.filter((f) => f.rule === 'SQSL004').map((f) => [f.severity, f.file, f.line])).toEqual([['warn', `${literal}/queues.tf`, 15]]);
  });

  it('GIVEN --var-file WHEN checked THEN it wins over terraform.tfvars and is where the value is located', () => {
    const varFile = path.join(tmp, 'override.tfvars');
    fs.writeFileSync(varFile, '# reviewed\nmax_receive_count = 60\n');
    const doc = json(runCli(['check', CASE, '--var-file', varFile, '--format', 'json']).stdout);
    expect(at(doc.findings, 'SQSL004')).toEqual([`${varFile}:2`]); // as given
    fs.writeFileSync(varFile, 'max_receive_count = 10\n');
    expect(at(json(runCli(['check', CASE, '--var-file', varFile, '--format', 'json']).stdout).findings, 'SQSL004')).toEqual([]);
  });

  it('GIVEN a queue from a remote module WHEN checked THEN the mapping is undetermined, never a pass (--strict fails)', () => {
    const dir = module('remote', {
      'main.tf': [
        'module "queue" {',
        '  source  = "terraform-aws-modules/sqs/aws"',
        '  version = "4.2.0"',
        '}',
        '',
        'resource "aws_lambda_event_source_mapping" "orders" {',
        '  event_source_arn        = module.queue.queue_arn',
        '  function_name           = "orders-worker"',
        '  function_response_types = ["ReportBatchItemFailures"]',
        '}',
        '',
      ].join('\n'),
    });
    const doc = json(runCli(['check', dir, '--format', 'json']).stdout);
    const sqsl002 = doc.findings.filter((f) => f.rule === 'SQSL002');
    expect(sqsl002.map((f) => [f.severity, f.resource, f.line])).toEqual([['undetermined', 'aws_lambda_event_source_mapping.orders', 6]]);
    expect(runCli(['check', dir, '--strict']).status).toBe(1);
  });

  it('GIVEN --terraform-dir WHEN plan-review.sh runs without credentials or terraform THEN it writes the review with .tf annotations', () => {
    const out = path.join(tmp, 'review');
    const env: NodeJS.ProcessEnv = { ...process.env, SQSGUARD_SKIP_BUILD: '1', PATH: path.dirname(process.execPath) + ':/usr/bin:/bin' };
    for (const k of Object.keys(env)) if (k.startsWith('AWS_') || k === 'TF_CLI_CONFIG_FILE') delete env[k];
    const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'plan-review.sh'), '--terraform-dir', CASE, out], { cwd: ROOT, env, encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr.includes('FAIL: 2 deny, 1 warn') }).toEqual({ status: 1, stderr: true });
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'sqsguard.sarif'), 'utf8'));
    expect(sarifValidator()(sarif)).toEqual([]);
    const uris = sarif.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri);
    expect([...new Set(uris)].sort()).toEqual([`${CASE}/locals.tf`, `${CASE}/terraform.tfvars`]);
    expect(fs.readFileSync(path.join(out, 'review.md'), 'utf8')).toContain(`${CASE}/locals.tf:7`);
  });

  describe('bad HCL', () => {
    it.each([
      ['a syntax error', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name =\n}\n' }, 'main.tf:2', /Invalid expression/],
      ['an unknown block type', { 'main.tf': 'resource "aws_sqs_queue" "q" {}\n\nqueue "x" {}\n' }, 'main.tf:3', /Unsupported block type/],
      ['a module source that does not exist', { 'main.tf': '\nmodule "q" {\n  source = "./modules/missing"\n}\n' }, 'main.tf:3', /module source directory .*modules\/missing does not exist/],
      ['a syntax error in a local module', { 'main.tf': 'module "q" {\n  source = "./m"\n}\n', 'm/main.tf': 'variable "x" {\n\n  default = [1,\n}\n' }, 'm/main.tf:', /m\/main\.tf:\d+: /],
      ['a resource declared twice', { 'a.tf': 'resource "aws_sqs_queue" "q" {}\n', 'b.tf': '\nresource "aws_sqs_queue" "q" {}\n' }, 'b.tf:2', /duplicate resource aws_sqs_queue\.q: already declared at .*a\.tf:1/],
      ['a tfvars file that is not HCL', { 'main.tf': 'variable "x" {}\n', 'terraform.tfvars': 'x = = 1\n' }, 'terraform.tfvars:1', /Invalid expression/],
    ])('GIVEN %s WHEN checked THEN exit 2 and one line naming file and line', (name, files, where, message) => {
      const dir = module(name.replace(/\W+/g, '-'), files);
      const r = runCli(['check', dir]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(1);
      expect(lines[0].startsWith(`sqsguard: ${dir}/${where}`)).toBe(true);
      expect(lines[0]).toMatch(message);
    });

    it('GIVEN an unreadable .tf file WHEN checked THEN exit 2 and one line naming the file', () => {
      const dir = module('unreadable', { 'main.tf': 'variable "x" {}\n' });
      fs.symlinkSync(path.join(tmp, 'nowhere.tf'), path.join(dir, 'queues.tf'));
      const r = runCli(['check', dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`sqsguard: ${dir}/queues.tf: cannot read: ENOENT\n`);
    });

    it.each([
      [['--var-file', 'missing.tfvars'], /missing\.tfvars: cannot read/],
      [['--source-dir', CASE], /--source-dir applies to `terraform show -json` plans only/],
    ])('GIVEN %j on a directory WHEN checked THEN exit 2 and one line', (flags, message) => {
      const r = runCli(['check', CASE, ...flags]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });

    it('GIVEN --source-dir that holds no Terraform files WHEN checking a plan THEN exit 2 and one line', () => {
      const r = runCli(['check', `${CASE}/plan.json`, '--source-dir', 'fixtures']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('sqsguard: fixtures: --source-dir: not a directory holding Terraform files (*.tf, *.tf.json)\n');
    });
  });
});
