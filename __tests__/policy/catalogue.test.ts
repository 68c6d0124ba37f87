/**
 * The rule catalogue is consistent by its metadata: every id of
 * policies/dist/rules.json is one package policies/sqsguard/rules/<concern>/<id>/<id>.rego
 * (package sqsguard.rules.<concern>.<id>) with <id>_test.rego beside it and one
 * package-level METADATA annotation, ids are unique, and sqsguard.main finds
 * every package without being told.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findProjectTool } from '../../scripts/dev/toolchain';

const ROOT = path.resolve(__dirname, '..', '..');
const RULES_DIR = path.join(ROOT, 'policies', 'sqsguard', 'rules');

interface CatalogueEntry {
  id: string;
  title: string;
  description: string;
  severity: string;
  remediation: string;
  url: string;
}
interface Annotation {
  annotations: {
    scope: string;
    title?: string;
    description?: string;
    custom?: { id?: string; severity?: string; remediation?: string; url?: string };
  };
  location: { file: string; row: number };
  path: { value: string }[];
}

// the one tool finder (scripts/find-tool.sh): .tools/bin first, then PATH
const findOpa = (): string => findProjectTool('opa');

// the rule packages on disk: [concern, dir]
function ruleDirs(): [string, string][] {
  const out: [string, string][] = [];
  for (const concern of fs.readdirSync(RULES_DIR).sort()) {
    for (const dir of fs.readdirSync(path.join(RULES_DIR, concern)).sort()) out.push([concern, dir]);
  }
  return out;
}

describe('rule catalogue', () => {
  const opa = findOpa();
  const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'rules.json'), 'utf8')).rules as CatalogueEntry[];
  const inspect = JSON.parse(
    execFileSync(opa, ['inspect', '-a', '--format', 'json', 'policies/sqsguard'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).toString('utf8'),
  ) as { annotations: Annotation[] };
  const dirs = ruleDirs();

  it('has rules, with unique ids', () => {
    const ids = catalogue.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(0);
  });

  it('holds only <concern>/<id>/ folders, each with exactly <id>.rego and <id>_test.rego', () => {
    for (const concern of fs.readdirSync(RULES_DIR)) {
      expect({ concern, isDir: fs.statSync(path.join(RULES_DIR, concern)).isDirectory() }).toEqual({ concern, isDir: true });
    }
    for (const [concern, dir] of dirs) {
      expect({ concern, dir, pattern: /^sqsl\d{3}$/.test(dir) }).toEqual({ concern, dir, pattern: true });
      expect({ concern, dir, files: fs.readdirSync(path.join(RULES_DIR, concern, dir)).sort() }).toEqual({
        concern,
        dir,
        files: [`${dir}.rego`, `${dir}_test.rego`],
      });
    }
  });

  it('every rule package is named by its id and has one package annotation with id, severity, remediation and url', () => {
    for (const [concern, dir] of dirs) {
      const file = `policies/sqsguard/rules/${concern}/${dir}/${dir}.rego`;
      const own = inspect.annotations.filter((a) => a.location.file === file);
      expect({ file, annotations: own.length }).toEqual({ file, annotations: 1 });
      const [a] = own;
      expect({ file, scope: a.annotations.scope, path: a.path.map((p) => p.value).join('.') }).toEqual({
        file,
        scope: 'package',
        path: `data.sqsguard.rules.${concern}.${dir}`,
      });
      const c = a.annotations.custom ?? {};
      expect({ file, id: c.id, severity: c.severity }).toEqual({ file, id: dir.toUpperCase(), severity: expect.stringMatching(/^(deny|warn)$/) });
      for (const text of [a.annotations.title, a.annotations.description, c.remediation]) expect(text).toEqual(expect.stringMatching(/\S/));
      expect(c.url).toEqual(expect.stringMatching(/^https:\/\//));
      // no annotation elsewhere in the rule's file: one annotation per rule
      const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect({ file, metadataBlocks: source.split('\n').filter((l) => l === '# METADATA').length }).toEqual({ file, metadataBlocks: 1 });
    }
  });

  it('rules.json is exactly the package annotations, one entry per rule package', () => {
    const fromPackages = dirs
      .map(([concern, dir]) => {
        const a = inspect.annotations.find((x) => x.location.file === `policies/sqsguard/rules/${concern}/${dir}/${dir}.rego`)!.annotations;
        return {
          id: a.custom!.id,
          title: a.title,
          description: a.description!.trim(),
          severity: a.custom!.severity,
          remediation: a.custom!.remediation,
          url: a.custom!.url,
        };
      })
      .sort((x, y) => x.id!.localeCompare(y.id!));
    expect(catalogue).toEqual(fromPackages);
    // no id is declared anywhere else in the policy
    const declared = inspect.annotations.filter((a) => a.annotations.custom?.id !== undefined).map((a) => a.annotations.custom!.id);
    expect(declared.sort()).toEqual(catalogue.map((r) => r.id));
  });

  it('sqsguard.main discovers every rule package, and nothing else', () => {
    // GIVEN each package's findings replaced by a probe naming the package
    const probes = dirs.map(([concern, dir]) => `${concern}.${dir}`);
    const withs = probes.flatMap((p) => ['with', `data.sqsguard.rules.${p}.findings`, 'as', `{"${p}"}`]);
    // WHEN the public entrypoint is evaluated (tests excluded, as in the Wasm build)
    const out = execFileSync(
      opa,
      ['eval', '--format', 'json', '--ignore', '*_test.rego', '-d', 'policies/sqsguard', ['data.sqsguard.main.findings', 'with input as {}', ...withs].join(' ')],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    ).toString('utf8');
    // THEN it returns exactly the probes of all packages
    const found = JSON.parse(out).result[0].expressions[0].value as string[];
    expect([...found].sort()).toEqual([...probes].sort());
    expect(probes).toHaveLength(catalogue.length);
  });
});

describe('policies/dist/thresholds.json (read by the construct)', () => {
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'thresholds.json'), 'utf8'));

  it('has exactly the agreed keys, all numbers', () => {
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(file)).toEqual(['limits', 'thresholds']);
    expect(keys(file.thresholds)).toEqual([
      'dlq_retention_min_seconds',
      'max_receive_count_max',
      'max_receive_count_min',
      'oldest_message_age_alarm_max_seconds',
      'visibility_timeout_multiplier',
    ]);
    expect(keys(file.limits)).toEqual(['function_timeout_max_seconds', 'function_timeout_min_seconds', 'maximum_concurrency_max', 'maximum_concurrency_min']);
    for (const v of [...Object.values(file.thresholds), ...Object.values(file.limits)]) expect(typeof v).toBe('number');
  });

  it('holds the thresholds the compiled policy applies', async () => {
    const { loadPolicy } = await import('@open-policy-agent/opa-wasm');
    const policy = await loadPolicy(fs.readFileSync(path.join(ROOT, 'policies', 'dist', 'policy.wasm')));
    expect(policy.evaluate({}, 'sqsguard/main/threshold_defaults')[0].result).toEqual(file.thresholds);
  });
});
