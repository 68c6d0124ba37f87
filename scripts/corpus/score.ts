/**
 * Scores the current policy (policies/dist/policy.wasm) against the Terraform corpus: for every case
 * in corpus/manifest.json, which expected defects it reports (with the expected severity), which it
 * only calls undetermined, which it misses, and which deny/warn findings it raises that the manifest
 * does not expect (false positives: any deny/warn on a safe case, or on the wrong rule/resource).
 * A catch that the safe twin gets too is reported apart: the policy did not tell the two apart.
 * Usage: npm run build && node dist-dev/scripts/corpus/score.js [--json] [case...]
 * Reports only: exits 0 whatever the verdicts (2 on unreadable input).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Policy } from '../../lib/engine/policy';
import { PolicyFinding } from '../../lib/engine/contract';
import { projectRoot } from '../../lib/project-root';

export interface CorpusDefect {
  rule: string;
  severity: 'deny' | 'warn';
  resource: string;
  file: string;
  line: number;
  attribute: string;
  needs_source: boolean;
}

export interface CorpusCase {
  case: string;
  description: string;
  safe: boolean;
  twin: string;
  defects: CorpusDefect[];
  notes: string;
}

export interface CorpusManifest {
  terraform_version: string;
  aws_provider_version: string;
  cases: CorpusCase[];
}

/** How the policy treated one expected defect. */
export type DefectOutcome = 'found' | 'found-on-twin-too' | 'wrong-severity' | 'undetermined' | 'missed';

export interface CaseScore {
  case: string;
  safe: boolean;
  expected: string[];
  outcomes: { defect: string; outcome: DefectOutcome }[];
  falsePositives: string[];
  undetermined: number;
}

const label = (f: { rule: string; resource: string; severity?: string }): string =>
  `${f.rule}${f.severity ? `(${f.severity})` : ''} ${f.resource}`;

/** twinFindings: the safe twin's findings; a catch the twin gets too does not tell the two apart. */
export function scoreCase(entry: CorpusCase, findings: PolicyFinding[], twinFindings: PolicyFinding[] = []): CaseScore {
  const verdicts = findings.filter((f) => f.severity === 'deny' || f.severity === 'warn');
  const outcomes = entry.defects.map((d) => {
    const same = verdicts.filter((f) => f.rule === d.rule && f.resource === d.resource);
    let outcome: DefectOutcome = 'missed';
    const onTwin = twinFindings.some((f) => f.rule === d.rule && f.resource === d.resource && f.severity === d.severity);
    if (same.some((f) => f.severity === d.severity)) outcome = onTwin ? 'found-on-twin-too' : 'found';
    else if (same.length > 0) outcome = 'wrong-severity';
    // the rule said it could not decide (on whatever resource it reports): not a catch, but not a silent pass
    else if (findings.some((f) => f.severity === 'undetermined' && f.rule === d.rule)) outcome = 'undetermined';
    return { defect: label(d), outcome };
  });
  const expected = new Set(entry.defects.map((d) => `${d.rule} ${d.resource}`));
  const falsePositives = verdicts.filter((f) => !expected.has(`${f.rule} ${f.resource}`)).map(label);
  return {
    case: entry.case,
    safe: entry.safe,
    expected: entry.defects.map(label),
    outcomes,
    falsePositives: [...new Set(falsePositives)].sort(),
    undetermined: findings.filter((f) => f.severity === 'undetermined').length,
  };
}

function table(scores: CaseScore[]): string {
  const rows = scores.map((s) => {
    const by = (o: DefectOutcome) => s.outcomes.filter((x) => x.outcome === o).map((x) => x.defect);
    return [
      s.case,
      s.safe ? 'safe' : 'unsafe',
      s.expected.join('; ') || '-',
      by('found').join('; ') || '-',
      [...by('found-on-twin-too').map((x) => `${x} (twin flagged too)`), ...by('wrong-severity').map((x) => `${x} (other severity)`), ...by('undetermined').map((x) => `${x} (undetermined)`)].join('; ') || '-',
      by('missed').join('; ') || '-',
      s.falsePositives.join('; ') || '-',
      String(s.undetermined),
    ];
  });
  const header = ['case', 'kind', 'expected', 'found', 'twin flagged too / other severity / undetermined', 'missed', 'false positives (deny/warn)', 'undetermined'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  const all = scores.flatMap((s) => s.outcomes);
  const count = (o: DefectOutcome) => all.filter((x) => x.outcome === o).length;
  const unsafe = scores.filter((s) => !s.safe);
  const safe = scores.filter((s) => s.safe);
  const summary = [
    `cases: ${scores.length} (${unsafe.length} unsafe, ${safe.length} safe); expected defects: ${all.length}`,
    `found: ${count('found')}, found but the safe twin is flagged too: ${count('found-on-twin-too')}, other severity: ${count('wrong-severity')}, undetermined: ${count('undetermined')}, missed: ${count('missed')}`,
    `false positives: ${scores.reduce((n, s) => n + s.falsePositives.length, 0)} ` +
      `(safe cases with any deny/warn: ${safe.filter((s) => s.falsePositives.length > 0).length} of ${safe.length}; ` +
      `deny findings on safe cases: ${scores.filter((s) => s.safe).reduce((n, s) => n + s.falsePositives.filter((f) => f.includes('(deny)')).length, 0)})`,
    `undetermined findings: ${scores.reduce((n, s) => n + s.undetermined, 0)}`,
  ];
  return [...lines, '', ...summary].join('\n');
}

function main(argv: string[]): number {
  const asJson = argv.includes('--json');
  const only = argv.filter((a) => a !== '--json');
  const corpus = path.join(projectRoot(), 'corpus');
  let manifest: CorpusManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as CorpusManifest;
  } catch (err) {
    process.stderr.write(`score: cannot read corpus/manifest.json: ${(err as Error).message}\n`);
    return 2;
  }
  const unknown = only.filter((c) => !manifest.cases.some((e) => e.case === c));
  if (unknown.length > 0) {
    process.stderr.write(`score: not in corpus/manifest.json: ${unknown.join(', ')}\n`);
    return 2;
  }
  const policy = new Policy();
  const findingsOf = (c: string): PolicyFinding[] =>
    policy.evaluate(JSON.parse(fs.readFileSync(path.join(corpus, c, 'plan.json'), 'utf8')) as unknown).findings;
  const scores = manifest.cases
    .filter((e) => only.length === 0 || only.includes(e.case))
    .map((e) => scoreCase(e, findingsOf(e.case), e.safe ? [] : findingsOf(e.twin)));
  process.stdout.write(asJson ? `${JSON.stringify(scores, null, 2)}\n` : `${table(scores)}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
