/**
 * action.yml and the repository's workflow, read as text: every input reaches scripts/action.sh (or a
 * step), the credentials step runs only with a role and never for a fork, the actions it uses are the
 * current majors (Node 24 runtimes; upload-sarif v4, v3 is deprecated), and the workflow uses the
 * action itself. The steps' behaviour is tested end to end in action-script.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const ACTION = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const SCRIPT = fs.readFileSync(path.join(ROOT, 'scripts', 'action.sh'), 'utf8');
const WORKFLOW = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'plan-review.yml'), 'utf8');

// current majors (November 2026)
const CURRENT = new Map([
  ['actions/checkout', 'v7'],
  ['actions/setup-node', 'v6'],
  ['hashicorp/setup-terraform', 'v4'],
  ['aws-actions/configure-aws-credentials', 'v6'],
  ['actions/github-script', 'v9'],
  ['github/codeql-action/upload-sarif', 'v4'],
  ['actions/upload-artifact', 'v7'],
]);

/** The top-level block `name:` of a YAML document: its lines up to the next top-level key. */
function block(doc: string, name: string): string {
  const m = new RegExp(`^${name}:\\n((?:[ \\t].*\\n|\\n)*)`, 'm').exec(doc);
  if (!m) throw new Error(`no ${name}: block`);
  return m[1];
}
const keysOf = (b: string): string[] => [...b.matchAll(/^ {2}([a-z][a-z0-9-]*):/gm)].map((m) => m[1]);
const steps = (doc: string): string[] => doc.split(/\n\s{4}- (?=\S)/).slice(1);

describe('action.yml', () => {
  const inputs = keysOf(block(ACTION, 'inputs'));
  const runs = block(ACTION, 'runs');

  it('declares the inputs the issue asks for', () => {
    expect(inputs).toEqual(
      expect.arrayContaining(['mode', 'working-directory', 'files', 'config', 'suppressions', 'strict', 'fail-on', 'comment', 'sarif', 'version', 'aws-role-to-assume']),
    );
    expect(keysOf(block(ACTION, 'outputs'))).toEqual(expect.arrayContaining(['deny', 'warn', 'markdown', 'sarif', 'json']));
  });

  it('uses every input, and reads nothing undeclared', () => {
    const used = new Set([...runs.matchAll(/inputs\.([a-z][a-z0-9-]*)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...inputs].sort());
  });

  it('hands the script only variables it reads', () => {
    const passed = [...runs.matchAll(/^\s+(SQSGUARD_[A-Z_]+):/gm)].map((m) => m[1]);
    expect(passed.length).toBeGreaterThan(5);
    for (const name of passed) expect({ name, read: SCRIPT.includes(`\${${name}`) }).toEqual({ name, read: true });
  });

  it('assumes the role only when one is given, and never for a pull request from a fork', () => {
    const credentials = steps(runs).filter((s) => s.includes('aws-actions/configure-aws-credentials'));
    expect(credentials).toHaveLength(1);
    expect(credentials[0]).toMatch(/^if: inputs\.aws-role-to-assume != '' && steps\.context\.outputs\.fork != 'true'/);
    // the comment and the SARIF upload need write tokens a fork does not get
    for (const s of steps(runs).filter((x) => /github-script|upload-sarif/.test(x))) expect(s).toContain("steps.context.outputs.fork != 'true'");
  });

  it('uses the current majors of the actions it calls', () => {
    for (const doc of [ACTION, WORKFLOW]) {
      for (const [, name, version] of doc.matchAll(/uses: ([\w./-]+)@(\S+)/g)) {
        expect({ name, version }).toEqual({ name, version: CURRENT.get(name) });
      }
    }
  });
});

describe('.github/workflows/plan-review.yml', () => {
  it('reviews with the action from this checkout and runs no plan-review script of its own', () => {
    expect(WORKFLOW).toMatch(/^\s+uses: \.\/$/m);
    expect(WORKFLOW).toMatch(/^\s+version: local$/m);
    expect(WORKFLOW).not.toContain('plan-review.sh');
  });
});
