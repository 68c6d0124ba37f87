/**
 * Structure of the Terraform corpus (corpus/): every case is planned, listed in the manifest, paired
 * with its twin, and every expected defect points at a real plan address and a real line of HCL.
 * Deliberately silent on the policy's verdicts: scripts/corpus/score.ts measures those.
 */
import * as fs from 'fs';
import * as path from 'path';

const CORPUS = path.join(__dirname, '..', '..', 'corpus');
const RULE_IDS = /^SQSL0(0[1-9]|1[0-9]|2[0-5])$/;

interface Defect {
  rule: string;
  severity: string;
  resource: string;
  file: string;
  line: number;
  attribute: string;
  needs_source: boolean;
}

interface Entry {
  case: string;
  description: string;
  safe: boolean;
  twin: string;
  defects: Defect[];
  notes: string;
}

interface Plan {
  format_version?: string;
  terraform_version?: string;
  timestamp?: string;
  resource_changes?: { address: string }[];
}

const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS, 'manifest.json'), 'utf8')) as {
  terraform_version: string;
  aws_provider_version: string;
  cases: Entry[];
};
/** Files under dir, as paths relative to it, sorted. */
function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? listFiles(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`]))
    .sort();
}

const caseDirs = fs
  .readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
  .map((d) => d.name)
  .sort();
const byName = new Map(manifest.cases.map((e) => [e.case, e]));
const plans = new Map<string, Plan>(
  caseDirs.map((c) => [c, JSON.parse(fs.readFileSync(path.join(CORPUS, c, 'plan.json'), 'utf8')) as Plan]),
);

describe('corpus manifest', () => {
  it('lists every case directory exactly once, and nothing else', () => {
    const listed = manifest.cases.map((e) => e.case);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(caseDirs);
    expect(caseDirs.length).toBeGreaterThanOrEqual(30);
  });

  it('records the Terraform and provider versions the plans were made with', () => {
    expect(manifest.terraform_version).toBe('1.11.4');
    expect(manifest.aws_provider_version).toBe('5.100.0');
  });

  it.each(caseDirs)('%s: has a normalized plan.json from Terraform 1.11.4', (c) => {
    const plan = plans.get(c)!;
    expect(typeof plan.format_version).toBe('string');
    expect(plan.terraform_version).toBe('1.11.4');
    expect(Array.isArray(plan.resource_changes)).toBe(true);
    expect(plan.resource_changes!.length).toBeGreaterThan(0);
    expect(plan).not.toHaveProperty('timestamp');
  });

  it.each(caseDirs)('%s: commits HCL only (no .terraform, lock file, state or binary plan)', (c) => {
    const files = fs.readdirSync(path.join(CORPUS, c));
    expect(files.some((f) => f.endsWith('.tf'))).toBe(true);
    for (const f of files) {
      expect(f).not.toMatch(/^\.terraform|\.tfstate|^tfplan|\.tfplan$/);
    }
  });

  it('pairs every unsafe case with a safe twin, both ways', () => {
    for (const e of manifest.cases) {
      const twin = byName.get(e.twin);
      expect({ case: e.case, twin: twin?.case }).toEqual({ case: e.case, twin: e.twin });
      expect({ case: e.case, twinOfTwin: twin!.twin }).toEqual({ case: e.case, twinOfTwin: e.case });
      expect({ case: e.case, twinSafe: twin!.safe }).toEqual({ case: e.case, twinSafe: !e.safe });
    }
  });

  it('gives safe cases no defects and unsafe cases at least one', () => {
    for (const e of manifest.cases) {
      expect({ case: e.case, defects: e.defects.length > 0 }).toEqual({ case: e.case, defects: !e.safe });
      expect(e.description.length).toBeGreaterThan(0);
    }
  });

  // The twin is the same code with the defective value fixed: every line that differs sits at (or
  // within a few lines of, for a multi-line value) a defect's line. plan.json is generated, not compared.
  it.each(manifest.cases.filter((e) => !e.safe).map((e) => [e.case, e.twin]))('%s differs from its twin %s only at its defects', (c, twin) => {
    const entry = byName.get(c)!;
    const hcl = (dir: string): string[] => listFiles(path.join(CORPUS, dir)).filter((f) => f !== 'plan.json');
    expect(hcl(c)).toEqual(hcl(twin));
    const stray: string[] = [];
    for (const f of hcl(c)) {
      const a = fs.readFileSync(path.join(CORPUS, c, f), 'utf8').split('\n');
      const b = fs.readFileSync(path.join(CORPUS, twin, f), 'utf8').split('\n');
      expect({ file: f, lines: a.length }).toEqual({ file: f, lines: b.length });
      const near = entry.defects.filter((d) => d.file === f).map((d) => d.line);
      a.forEach((line, i) => {
        if (line !== b[i] && !near.some((n) => Math.abs(n - (i + 1)) <= 3)) stray.push(`${f}:${i + 1}`);
      });
    }
    expect(stray).toEqual([]);
  });

  const defects = manifest.cases.flatMap((e) => e.defects.map((d) => [e.case, d] as [string, Defect]));

  it.each(defects)('%s: defect %j names a resource of its plan', (c, d) => {
    expect(d.rule).toMatch(RULE_IDS);
    expect(['deny', 'warn']).toContain(d.severity);
    expect(typeof d.needs_source).toBe('boolean');
    const addresses = plans.get(c)!.resource_changes!.map((r) => r.address);
    expect(addresses).toContain(d.resource);
  });

  it.each(defects)('%s: defect %j points at a line of HCL that sets its attribute', (c, d) => {
    expect(d.file).toMatch(/\.(tf|tfvars)$/);
    const file = path.join(CORPUS, c, d.file);
    expect(fs.existsSync(file)).toBe(true);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(Number.isInteger(d.line)).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(lines[d.line - 1]).toContain(d.attribute);
  });
});
