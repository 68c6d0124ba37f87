import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from '../../lib/engine/input';
import { Suppression } from '../../lib/engine/contract';
import { evaluate } from '../../lib/engine/evaluate';
import { Report } from '../../lib/engine/report';
import { projectRoot } from '../../lib/project-root';

export const FIXTURE = path.join(projectRoot(), 'fixtures', 'synth', 'sqsl001_vt_below_timeout.json');

/** A report of the policy on a fixture with two deny findings (SQSL001, SQSL002). */
export function fixtureReport(suppressions: Suppression[] = []): Report {
  const input = parseDocument(FIXTURE, fs.readFileSync(FIXTURE, 'utf8'));
  return evaluate([input], { suppressions, suppressionsFile: 's.json', version: '0.0.0-test', today: '2025-06-01' });
}

/** The fixture report with `n` findings (copies of the first on made-up resources). */
export function bigReport(n: number): Report {
  const r = fixtureReport();
  const base = r.findings[0];
  r.findings = Array.from({ length: n }, (_, i) => ({
    ...base,
    severity: i % 3 === 0 ? 'deny' : i % 3 === 1 ? 'warn' : 'undetermined',
    resource: i % 2 ? base.resource : `aws_sqs_queue.q${String(i).padStart(3, '0')}`,
    message: `${base.message} | <copy ${i}> ${'x'.repeat(150)}`,
  }));
  r.summary = { deny: Math.ceil(n / 3), warn: Math.ceil((n - 1) / 3), undetermined: Math.floor(n / 3), suppressed: 0 };
  return r;
}
