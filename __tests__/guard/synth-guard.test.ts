/**
 * The synth-time guard: the policy runs inside the cdktf app; a deny finding fails `cdktf synth`
 * with the findings listed, a suppression (with its reason) lets it pass.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { evaluateStack, installSynthGuard, SUPPRESSIONS_FILE } from '../../lib/guard';
import { projectRoot } from '../../lib/project-root';
import { cdktfCommand } from '../../scripts/cdktf-cli';
import { buildUnsafeApp } from './apps/unsafe-app';

const ROOT = projectRoot();
const UNSAFE_APP = path.join(ROOT, 'dist-dev', '__tests__', 'guard', 'apps', 'unsafe-app.js');
const SUPPRESSION = { rule: 'SQSL00[12]', resource: 'orders-unsafe/orders/Queue', reason: 'load-test stack: short VT on purpose', expires: '2999-12-31' };

/** Runs the real `cdktf synth` in a throwaway project dir whose cdktf.json runs the unsafe app. */
function cdktfSynth(project: string, context: Record<string, unknown> = {}) {
  fs.writeFileSync(path.join(project, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: `node ${UNSAFE_APP}`, sendCrashReports: 'false', context }));
  const cdktf = cdktfCommand(ROOT, ['synth', '--output', path.join(project, 'cdktf.out')]);
  const r = spawnSync(cdktf.command, cdktf.args, {
    cwd: project,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0', SQSGUARD_AWS_OFFLINE: '1' },
    encoding: 'utf8',
  });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

describe('synth-time guard', () => {
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(UNSAFE_APP)) throw new Error(`${UNSAFE_APP} missing: run \`npm run build\``);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-guard-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('GIVEN a stack with an unsafe QueueWorker WHEN `cdktf synth` runs THEN it fails listing the findings, without a stack trace', () => {
    const project = fs.mkdtempSync(path.join(dir, 'fail-'));
    const r = cdktfSynth(project);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('Validation failed with the following errors:');
    expect(r.output).toMatch(/\[orders-unsafe\] sqsguard SQSL001 deny: aws_sqs_queue\.orders_Queue_\w+ \(orders-unsafe\/orders\/Queue\): visibility timeout 30 s < function timeout 60 s/);
    expect(r.output).toMatch(/sqsguard SQSL002 deny/);
    expect(r.output).toContain(`suppress one with a reason in ${SUPPRESSIONS_FILE}`);
    expect(r.output).not.toMatch(/at Object\.<anonymous>|at App\.synth/);
    expect(fs.existsSync(path.join(project, 'cdktf.out', 'stacks', 'orders-unsafe', 'cdk.tf.json'))).toBe(false);
  });

  it('GIVEN sqsguard.suppressions.json in the project WHEN `cdktf synth` runs THEN it passes and writes the stack', () => {
    const project = fs.mkdtempSync(path.join(dir, 'suppressed-'));
    fs.writeFileSync(path.join(project, SUPPRESSIONS_FILE), JSON.stringify([SUPPRESSION]));
    const r = cdktfSynth(project);
    expect(r.output).not.toContain('Validation failed');
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(project, 'cdktf.out', 'stacks', 'orders-unsafe', 'cdk.tf.json'))).toBe(true);
  });

  it('GIVEN the cdktf context key sqsguard:suppressions WHEN `cdktf synth` runs THEN that file is used', () => {
    const project = fs.mkdtempSync(path.join(dir, 'context-'));
    fs.writeFileSync(path.join(project, 'reviewed.json'), JSON.stringify([SUPPRESSION]));
    expect(cdktfSynth(project, { 'sqsguard:suppressions': 'reviewed.json' }).status).toBe(0);
  });

  it('GIVEN an expired suppression WHEN `cdktf synth` runs THEN it fails naming the expired entry', () => {
    const project = fs.mkdtempSync(path.join(dir, 'expired-'));
    fs.writeFileSync(path.join(project, SUPPRESSIONS_FILE), JSON.stringify([{ ...SUPPRESSION, expires: '2000-01-01' }]));
    const r = cdktfSynth(project);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('SQSG-SUPPRESSION-EXPIRED');
  });

  describe('in process', () => {
    const unsafe = () => buildUnsafeApp(Testing.app({ context: { awsOffline: true } }) as App);

    it('GIVEN the unsafe stack WHEN evaluated THEN SQSL001 and SQSL002 deny findings with the construct path', () => {
      const stack = unsafe().node.findChild('orders-unsafe');
      const findings = evaluateStack(stack as never, { cwd: dir });
      expect(findings.filter((f) => f.severity === 'deny').map((f) => f.rule)).toEqual(['SQSL001', 'SQSL002']);
      expect(findings[0].constructPath).toBe('orders-unsafe/orders/Queue');
    });

    it('GIVEN the guard installed WHEN synthesized THEN synth throws; with inline suppressions it does not', () => {
      const failing = unsafe();
      installSynthGuard(failing, { cwd: dir });
      expect(() => failing.synth()).toThrow(/sqsguard SQSL001 deny/);
      const passing = unsafe();
      installSynthGuard(passing, { cwd: dir, suppressions: [SUPPRESSION] });
      expect(() => passing.synth()).not.toThrow();
    });

    it('GIVEN inline suppressions that fail validation WHEN synthesized THEN one synth error per problem, like the file', () => {
      const app = unsafe();
      const bad = [
        { rule: 'SQSL001', resource: 'orders-unsafe/orders/Queue', expires: 'garbage' },
        { rule: 'SQSL002', resource: 'orders-unsafe/orders/Queue', reason: '\u200b', note: 'x' },
      ];
      installSynthGuard(app, { cwd: dir, suppressions: bad as never });
      let message = '';
      try {
        app.synth();
      } catch (e) {
        message = (e as Error).message;
      }
      for (const line of [
        'sqsguard: guard option "suppressions": suppression #1: "reason" is required (a string saying why; found nothing)',
        'sqsguard: guard option "suppressions": suppression #1: "expires" must be a calendar date YYYY-MM-DD (found "garbage")',
        'sqsguard: guard option "suppressions": suppression #2: unknown key "note" (allowed: rule, resource, reason, expires)',
        'sqsguard: guard option "suppressions": suppression #2: "reason" is blank (only whitespace, punctuation or invisible characters): say why the finding is accepted',
      ]) {
        expect(message).toContain(line);
      }
      // an invalid list suppresses nothing: the findings are not evaluated past it
      expect(message).not.toMatch(/suppressed/);
    });

    it('GIVEN an app with no stacks yet WHEN the guard is installed THEN it throws saying what to do', () => {
      const app = Testing.app({ context: { awsOffline: true } }) as App;
      expect(() => installSynthGuard(app, { cwd: dir })).toThrow(
        'sqsguard: installSynthGuard(app) found no stacks to guard: call it after the stacks are defined (or call synthWithGuard(app) in place of app.synth(), which installs the guard just before synthesizing)',
      );
    });

    it('GIVEN an App with skipValidation: true WHEN the guard is installed THEN it throws instead of being skipped in silence', () => {
      const app = buildUnsafeApp(new App({ skipValidation: true, outdir: fs.mkdtempSync(path.join(dir, 'skip-')), context: { awsOffline: true } }));
      expect(() => installSynthGuard(app, { cwd: dir })).toThrow(
        "sqsguard: the synth-time guard cannot run on an App created with skipValidation: true (cdktf then skips every validation, the guard's included): remove skipValidation, or turn the guard off explicitly with the context key sqsguard:guard=false",
      );
      // what the error prevents: with validation skipped, the unsafe stack synthesizes
      expect(() => app.synth()).not.toThrow();
    });

    it('GIVEN skipValidation and context sqsguard:guard=false WHEN the guard is installed THEN it is off, as asked', () => {
      const app = buildUnsafeApp(new App({ skipValidation: true, outdir: fs.mkdtempSync(path.join(dir, 'skip-off-')), context: { awsOffline: true, 'sqsguard:guard': false } }));
      expect(() => installSynthGuard(app, { cwd: dir })).not.toThrow();
    });

    it('GIVEN context sqsguard:guard=false WHEN synthesized THEN the guard is off', () => {
      const app = buildUnsafeApp(Testing.app({ context: { awsOffline: true, 'sqsguard:guard': false } }) as App);
      installSynthGuard(app, { cwd: dir });
      expect(() => app.synth()).not.toThrow();
    });
  });
});
