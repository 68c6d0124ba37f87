/**
 * `--config`: thresholds plus per-rule severities (`rules`), validated (one stderr line, exit 2),
 * applied by evaluate() before suppressions, and visible in every format.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig, loadThresholds } from '../../lib/engine/config';
import { evaluate } from '../../lib/engine/evaluate';
import { parseDocument } from '../../lib/engine/input';
import { projectRoot } from '../../lib/project-root';
import { runCli } from '../cli/run-cli';

const ROOT = projectRoot();
const SYNTH = path.join(ROOT, 'fixtures', 'synth', 'sqsl001_vt_below_timeout.json');
const PLAN = path.join(ROOT, 'fixtures', 'plan', 'sqsl019_dlq_retention_short.json');
const load = (file: string) => parseDocument(file, fs.readFileSync(file, 'utf8'));

describe('--config rules', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-config-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, doc: unknown): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return file;
  };

  it('GIVEN thresholds and rules WHEN loaded THEN both are returned, and loadThresholds keeps returning only the thresholds', () => {
    const file = write('both.json', { max_receive_count_min: 3, rules: { SQSL009: 'off', SQSL019: 'deny' } });
    expect(loadConfig(file)).toEqual({ thresholds: { max_receive_count_min: 3 }, rules: { SQSL009: 'off', SQSL019: 'deny' } });
    expect(loadThresholds(file)).toEqual({ max_receive_count_min: 3 });
    expect(loadConfig(write('flat.json', { max_receive_count_min: 3 }))).toEqual({ thresholds: { max_receive_count_min: 3 }, rules: {} });
  });

  it.each([
    ['an unknown rule id', { rules: { SQSL999: 'warn' } }, 'rules: unknown rule id "SQSL999"'],
    ['an unknown severity', { rules: { SQSL019: 'error' } }, 'rules: "SQSL019" must be "deny", "warn" or "off" (given "error")'],
    ['undetermined as a severity', { rules: { SQSL019: 'undetermined' } }, 'rules: "SQSL019" must be "deny", "warn" or "off"'],
    ['rules that are not an object', { rules: ['SQSL019'] }, 'rules must be an object of rule id -> "deny", "warn" or "off"'],
    ['an unknown threshold beside rules', { rules: {}, max_receive: 3 }, 'unknown threshold "max_receive"'],
  ])('GIVEN %s WHEN checked THEN one stderr line names it and the exit code is 2', (_what, doc, expected) => {
    const file = write('bad.json', doc);
    const r = runCli(['check', SYNTH, '--config', file, '--format', 'json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(expected);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('GIVEN severities and an off rule WHEN evaluated THEN verdicts are re-graded with their original severity, the off rule is suppressed, undetermined stays', () => {
    const plain = evaluate([load(SYNTH), load(PLAN)]);
    expect(plain.findings.map((f) => `${f.rule}:${f.severity}`).sort()).toEqual(['SQSL001:deny', 'SQSL002:deny', 'SQSL019:warn']);

    const report = evaluate([load(SYNTH), load(PLAN)], { rules: { SQSL001: 'off', SQSL002: 'warn', SQSL019: 'deny' } });
    const byRule = Object.fromEntries(report.findings.map((f) => [f.rule, f]));
    expect(byRule.SQSL001).toMatchObject({ severity: 'deny', suppressed: { reason: 'SQSL001 is off in --config', expires: null } });
    expect(byRule.SQSL001.originalSeverity).toBeUndefined();
    expect(byRule.SQSL002).toMatchObject({ severity: 'warn', originalSeverity: 'deny' });
    expect(byRule.SQSL002.message).toMatch(/ \[severity warn in --config; policy: deny\]$/);
    expect(byRule.SQSL019).toMatchObject({ severity: 'deny', originalSeverity: 'warn' });
    expect(report.summary).toEqual({ deny: 1, warn: 1, undetermined: 0, suppressed: 1 });
    // re-graded before sorting: the new deny sorts with the denies, the new warn after them
    expect(report.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['SQSL001:deny', 'SQSL019:deny', 'SQSL002:warn']);

    const unknown = load(path.join(ROOT, 'fixtures', 'plan', 'unknown_values.json'));
    const undetermined = evaluate([unknown], { rules: { SQSL001: 'deny' } }).findings.filter((f) => f.rule === 'SQSL001');
    expect(undetermined.map((f) => [f.severity, f.originalSeverity])).toEqual([['undetermined', undefined]]);
  });

  it('GIVEN a rule set to its own severity WHEN evaluated THEN the finding is unchanged', () => {
    expect(evaluate([load(SYNTH)], { rules: { SQSL001: 'deny' } }).findings).toEqual(evaluate([load(SYNTH)]).findings);
  });
});
