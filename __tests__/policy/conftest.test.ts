/**
 * The three ways to run the catalogue agree on every plan fixture: `sqsguard check` (its API,
 * `sqsguard/check`: loadInputs + evaluate, the CLI's one path), `opa eval` on the shipped OPA bundle
 * (policies/dist/bundle.tar.gz), and `conftest test --policy policies/conftest` with the pinned
 * conftest (scripts/tools.sh). Same deny set, same warn set (conftest warns on undetermined findings
 * too, as sqsguard passes them without --strict), and the documented `opa eval --fail-defined`
 * recipe fails exactly when sqsguard does.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { evaluate, loadInputs } from '../../lib/check-api';
import { findProjectTool } from '../../scripts/dev/toolchain';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'policies', 'dist', 'bundle.tar.gz');
const CONFTEST_POLICY = path.join(ROOT, 'policies', 'conftest');
const PLANS = path.join(ROOT, 'fixtures', 'plan');
// conftest v0.71.1 (scripts/tools.sh) embeds this OPA; `go install` builds report no conftest version
const PINNED_CONFTEST_OPA = '1.21.1';

type Key = string; // "severity rule resource"
const key = (f: { severity: string; rule: string; resource: string }): Key => `${f.severity} ${f.rule} ${f.resource}`;
const sortedSet = (keys: Key[]): Key[] => [...new Set(keys)].sort();

function run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ConftestResult {
  failures?: { msg: string; metadata: { rule: string; severity: string; resource: string } }[];
  warnings?: { msg: string; metadata: { rule: string; severity: string; resource: string } }[];
}

const fixtures = fs
  .readdirSync(PLANS)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('conftest and opa eval vs sqsguard check', () => {
  let conftest: string;
  let opa: string;

  beforeAll(() => {
    conftest = findProjectTool('conftest');
    opa = findProjectTool('opa');
  });

  it('uses the pinned conftest (its embedded OPA) and a policy directory without tests', () => {
    const version = run(conftest, ['--version']).stdout;
    expect(version).toMatch(new RegExp(`^OPA: ${PINNED_CONFTEST_OPA.replace(/\./g, '\\.')}$`, 'm'));
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else files.push(path.relative(CONFTEST_POLICY, path.join(dir, e.name)));
      }
    };
    walk(CONFTEST_POLICY);
    expect(files).toContain('main.rego');
    expect(files).toContain(path.join('sqsguard', 'main', 'main.rego'));
    expect(files.filter((f) => f.endsWith('_test.rego'))).toEqual([]);
  });

  it('ships a bundle rooted at sqsguard, without tests', () => {
    const listing = run('tar', ['-tzf', BUNDLE]).stdout.split('\n').filter(Boolean);
    expect(listing).toContain('/.manifest');
    expect(listing.filter((f) => f.endsWith('_test.rego'))).toEqual([]);
    const manifest = JSON.parse(run('tar', ['-xzOf', BUNDLE, '/.manifest']).stdout);
    expect(manifest.roots).toEqual(['sqsguard']);
  });

  it('has plan fixtures with deny, warn and undetermined findings among them', () => {
    const all = fixtures.flatMap((f) => evaluate(loadInputs([path.join(PLANS, f)])).findings);
    expect(new Set(all.map((f) => f.severity))).toEqual(new Set(['deny', 'warn', 'undetermined']));
  });

  it.each(fixtures)('%s: same deny and warn sets, same verdict', (name) => {
    const file = path.join(PLANS, name);
    const report = evaluate(loadInputs([file]));
    const expectedDeny = sortedSet(report.findings.filter((f) => f.severity === 'deny').map(key));
    const expectedWarn = sortedSet(report.findings.filter((f) => f.severity !== 'deny').map(key));

    // opa eval on the bundle: every finding
    const evaluated = run(opa, ['eval', '--format', 'json', '-b', BUNDLE, '-i', file, 'data.sqsguard.main.findings']);
    expect(evaluated.status).toBe(0);
    const findings = JSON.parse(evaluated.stdout).result[0].expressions[0].value as { severity: string; rule: string; resource: string }[];
    expect(sortedSet(findings.filter((f) => f.severity === 'deny').map(key))).toEqual(expectedDeny);
    expect(sortedSet(findings.filter((f) => f.severity !== 'deny').map(key))).toEqual(expectedWarn);

    // the documented CI recipe: exit 1 exactly when there is a deny finding
    const recipe = run(opa, ['eval', '--fail-defined', '--format', 'raw', '-b', BUNDLE, '-i', file, 'data.sqsguard.main.findings[f]; f.severity == "deny"']);
    expect({ name, status: recipe.status }).toEqual({ name, status: expectedDeny.length > 0 ? 1 : 0 });

    // conftest
    const tested = run(conftest, ['test', '--no-color', '--output', 'json', '--policy', CONFTEST_POLICY, file]);
    expect({ name, status: tested.status, stderr: tested.stderr }).toEqual({ name, status: expectedDeny.length > 0 ? 1 : 0, stderr: '' });
    const results = JSON.parse(tested.stdout) as ConftestResult[];
    expect(results).toHaveLength(1);
    expect(sortedSet((results[0].failures ?? []).map((r) => key(r.metadata)))).toEqual(expectedDeny);
    expect(sortedSet((results[0].warnings ?? []).map((r) => key(r.metadata)))).toEqual(expectedWarn);
    for (const r of [...(results[0].failures ?? []), ...(results[0].warnings ?? [])]) {
      expect(r.msg.startsWith(`${r.metadata.rule} ${r.metadata.resource}: `)).toBe(true);
    }
  });
});
