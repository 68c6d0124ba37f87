/**
 * Golden files: every output format of `sqsguard check` on every fixture (and a multi-input run, a
 * run with suppressions, a --strict run), and the synth-time guard's failure message, byte for byte.
 * The report output is a contract: a refactor must not change it. After an intended change,
 * regenerate with `UPDATE_GOLDEN=1 npx jest __tests__/golden` and review the diff.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { main } from '../../bin/sqsguard';
import { installSynthGuard } from '../../lib/guard';
import { projectRoot } from '../../lib/project-root';
import { buildUnsafeApp } from '../guard/apps/unsafe-app';

const ROOT = projectRoot();
const GOLDEN = path.join(ROOT, '__tests__', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const FORMATS = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', junit: 'xml' } as const;
// Committed suppressions: live ones (a glob, a construct path) and one long expired, so no run depends on today's date.
const SUPPRESSIONS = '__tests__/golden/suppressions.json';
// Committed --config with per-rule severities (and a threshold beside them).
const RULE_SETTINGS = '__tests__/golden/rule-settings.json';

interface Run {
  name: string;
  args: string[];
}

const fixtureRuns = (kind: 'plan' | 'synth'): Run[] =>
  fs
    .readdirSync(path.join(ROOT, 'fixtures', kind))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `${kind}/${f.replace(/\.json$/, '')}`, args: [`fixtures/${kind}/${f}`] }));

const RUNS: Run[] = [
  ...fixtureRuns('plan'),
  ...fixtureRuns('synth'),
  { name: 'multi/synth-and-plans', args: ['fixtures/synth/sqsl001_vt_below_timeout.json', 'fixtures/plan/sqsl003_no_dlq.json', 'fixtures/plan/construct_default.json'] },
  { name: 'multi/suppressions', args: ['fixtures/synth/construct_unsafe_visibility.json', 'fixtures/plan/sqsl003_no_dlq.json', 'fixtures/plan/sqsl016_no_dlq_alarm.json', '--suppressions', SUPPRESSIONS] },
  { name: 'multi/strict', args: ['fixtures/plan/unknown_values.json', '--strict'] },
  // --config rules: SQSL001 set to its own severity (unchanged), SQSL002 deny -> warn, SQSL003 off, SQSL019 warn -> deny
  { name: 'multi/rule-settings', args: ['fixtures/synth/sqsl001_vt_below_timeout.json', 'fixtures/plan/sqsl003_no_dlq.json', 'fixtures/plan/sqsl019_dlq_retention_short.json', '--config', RULE_SETTINGS] },
];

/** Compares `actual` with the golden file `name` (or writes it with UPDATE_GOLDEN=1). */
function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file)) throw new Error(`${file} missing: run UPDATE_GOLDEN=1 npx jest __tests__/golden`);
  const expected = fs.readFileSync(file, 'utf8');
  // toBe shows a readable diff; the length check guards against a diff-invisible trailing change
  expect(actual).toBe(expected);
  expect(Buffer.byteLength(actual)).toBe(Buffer.byteLength(expected));
}

describe('golden report output', () => {
  let tmp: string;
  let cwd: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-golden-'));
    cwd = process.cwd();
    // relative input paths, as a user types them: the reports show them as given
    process.chdir(ROOT);
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each(RUNS)('GIVEN $name WHEN checked in every format THEN the output equals the golden files', ({ name, args }) => {
    for (const [format, ext] of Object.entries(FORMATS)) {
      const out = path.join(tmp, `${name.replace(/\//g, '_')}.${ext}`);
      const code = main(['check', ...args, '--format', format, '--no-color', '--output', out]);
      expectGolden(`${name}.${ext}`, `${fs.readFileSync(out, 'utf8')}`);
      expectGolden(`${name}.exit`, `${code}\n`);
    }
  });

  it('GIVEN the unsafe app WHEN synthesized with the guard THEN the validation error equals the golden file', () => {
    const app = buildUnsafeApp(Testing.app({ context: { awsOffline: true } }) as App);
    installSynthGuard(app, { cwd: tmp });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Validation failed with the following errors/);
    expectGolden('guard/unsafe-app.txt', `${message}\n`);
  });
});
