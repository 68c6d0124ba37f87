import { Finding, Report, ReportPipeline, UndeterminedGroup, exitCode } from '../engine/report';
import { inputLabel, pipelineName, sourceRef } from './common';
import { formatDuration, formatQuantity } from './quantities';

export interface TextOptions {
  color: boolean;
}

const codes = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], green: [32, 39], dim: [2, 22], bold: [1, 22] } as const;
type Paint = (style: keyof typeof codes, s: string) => string;

const KIND_LABEL = { plan: 'terraform plan', synth: 'synthesized Terraform JSON', hcl: 'Terraform configuration' } as const;

/** `--format text`: for people at a terminal. */
export function renderText(report: Report, options: TextOptions = { color: false }): string {
  const paint: Paint = (style, s) => (options.color ? `\u001b[${codes[style][0]}m${s}\u001b[${codes[style][1]}m` : s);
  const out: string[] = [];
  out.push(paint('bold', `${report.tool.name} ${report.tool.version}`));
  for (const i of report.inputs) {
    out.push(`input: ${i.path} (${KIND_LABEL[i.kind]}${i.stack ? `, stack ${i.stack}` : ''})`);
    if (!i.hasSqsOrLambda) out.push(`  no SQS queues, Lambda functions or event source mappings in ${i.path}: nothing to check`);
  }
  out.push('');
  if (report.findings.length === 0) out.push('no findings');
  // live undetermined findings are listed by cause below, one sentence per cause
  for (const f of report.findings) if (f.severity !== 'undetermined' || f.suppressed) out.push(...finding(f, report, paint), '');
  for (const g of report.undeterminedGroups) out.push(...undeterminedGroup(g, report, paint), '');

  if (report.pipelines.length > 0) {
    out.push(paint('bold', 'Retry budget'));
    for (const p of report.pipelines) out.push(...budget(p, report));
    out.push('');
  }
  const v = verdict(report);
  out.push(paint(exitCode(report) === 1 ? 'red' : 'green', v));
  return `${out.join('\n')}\n`;
}

/** "FAIL: 2 deny, 0 warn, 0 undetermined, 1 suppressed" */
export function verdict(report: Report): string {
  const { deny, warn, undetermined, suppressed } = report.summary;
  const failed = exitCode(report) === 1;
  const counts = `${deny} deny, ${warn} warn, ${undetermined} undetermined${report.strict ? ' (strict)' : ''}, ${suppressed} suppressed`;
  return `${failed ? 'FAIL' : 'PASS'}: ${counts}`;
}

function undeterminedGroup(g: UndeterminedGroup, report: Report, paint: Paint): string[] {
  const lines = [`${paint('cyan', 'UNDETERMINED')} ${paint('bold', g.cause)}`, `  ${g.sentence}`, `  resolve: ${g.resolve}`];
  for (const f of g.findings) {
    const where = report.inputs.length > 1 ? paint('dim', `  [${inputLabel(report, f.input)}]`) : '';
    lines.push(paint('dim', `  ${f.rule}  ${f.resource}${where}`));
    // no cause to explain them together: each says what it could not read
    if (g.cause === 'unspecified') lines.push(paint('dim', `    ${f.message}`));
  }
  return lines;
}

function finding(f: Finding, report: Report, paint: Paint): string[] {
  // a space after the longest label too ("UNDETERMINED SQSL004")
  const sev = `${f.severity.toUpperCase()} `.padEnd(12);
  const coloured = paint(f.severity === 'deny' ? 'red' : f.severity === 'warn' ? 'yellow' : 'cyan', sev);
  const where = report.inputs.length > 1 ? paint('dim', `  [${inputLabel(report, f.input)}]`) : '';
  const lines = [
    f.suppressed
      ? `${paint('dim', `SUPPRESSED ${f.severity}`)} ${f.rule}  ${f.resource}${where}`
      : `${coloured}${paint('bold', f.rule)}  ${f.resource}${where}`,
    `  ${f.message}`,
  ];
  if (f.file) lines.push(`  at ${sourceRef(f)}`);
  if (f.constructPath) lines.push(paint('dim', `  construct: ${f.constructPath}`));
  if (f.related.length > 0) lines.push(paint('dim', `  related: ${f.related.join(', ')}`));
  if (f.suppressed) {
    lines.push(`  suppressed: ${f.suppressed.reason}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ''}`);
  } else {
    lines.push(`  fix: ${f.remediation}`);
  }
  return lines;
}

function budget(p: ReportPipeline, report: Report): string[] {
  const where = report.inputs.length > 1 ? `${inputLabel(report, p.input)}: ` : '';
  const rows: [string, string][] = [];
  const vt = p.settings.visibility_timeout as number | string | null;
  if (typeof p.dlq === 'string' && p.dlq !== 'unknown') {
    rows.push(['receives before the DLQ', formatQuantity(p.max_receives_before_dlq)]);
    rows.push(['first receive to DLQ', `${formatDuration(p.time_to_dlq_seconds)} (${formatQuantity(p.max_receives_before_dlq)} x VT ${formatDuration(vt as number)})`]);
    rows.push(['source retention', formatDuration(p.source_retention_seconds)]);
    rows.push(['expires before the DLQ', formatQuantity(p.expires_before_dlq)]);
    rows.push(['DLQ retention', `${formatDuration(p.dlq_retention_seconds)} (time left in the DLQ: ${formatDuration(p.time_in_dlq_seconds)})`]);
  } else {
    rows.push(['DLQ', p.dlq === 'unknown' ? 'unknown' : 'none: a failing message is retried until it expires']);
    rows.push(['retries until expiry', `${formatQuantity(p.retries_until_expiry)} (retention ${formatDuration(p.source_retention_seconds)} / VT ${formatDuration(vt as number)})`]);
  }
  rows.push(['duplicate window', formatDuration(p.duplicate_window_seconds)]);
  rows.push(['concurrent batches', `${formatQuantity(p.max_concurrent_batches)} (${p.concurrency_limited_by}), up to ${formatQuantity(p.max_messages_in_flight)} messages in flight`]);
  return [`  ${where}${pipelineName(p)}${typeof p.dlq === 'string' && p.dlq !== 'unknown' ? ` (DLQ ${p.dlq})` : ''}`, ...rows.map(([k, v]) => `    ${k.padEnd(26)}${v}`)];
}
