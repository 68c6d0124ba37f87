import { Finding, Report, ReportPipeline, exitCode } from '../engine/report';
import { groupFindings, inputLabel, sourceRef } from './common';
import { formatDuration, formatQuantity } from './quantities';

/** GitHub refuses comments over 65,536 characters; rows past this budget are summarised instead. */
export const MARKDOWN_BUDGET = 60000;

const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const code = (s: unknown): string => (typeof s === 'string' ? `\`${s.replace(/`/g, "'")}\`` : s === null || s === undefined ? '–' : String(s));
const clip = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const ICON: Record<string, string> = { deny: '❌ deny', warn: '⚠️ warn', undetermined: '❔ undetermined' };

function counts(findings: Finding[]): string {
  const live = findings.filter((f) => !f.suppressed);
  const parts = (['deny', 'warn', 'undetermined'] as const)
    .map((s) => [s, live.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const suppressed = findings.length - live.length;
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** `--format markdown`: a pull request comment or $GITHUB_STEP_SUMMARY. */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const failed = exitCode(report) === 1;
  const out: string[] = [];
  const headline = failed
    ? `❌ **sqsguard: ${s.deny} deny${report.strict && s.undetermined > 0 ? ` and ${s.undetermined} undetermined (strict)` : ''} finding${s.deny + (report.strict ? s.undetermined : 0) === 1 ? '' : 's'} — this change is not safe to apply.**`
    : `✅ **sqsguard: no deny findings${s.warn + s.undetermined > 0 ? ` (${counts(report.findings)})` : ''}.**`;
  out.push('## sqsguard plan review', '', headline, '');
  out.push('| deny | warn | undetermined | suppressed | pipelines | inputs |', '|---:|---:|---:|---:|---:|---:|');
  out.push(`| ${s.deny} | ${s.warn} | ${s.undetermined} | ${s.suppressed} | ${report.pipelines.length} | ${report.inputs.length} |`, '');
  out.push(
    `Inputs: ${report.inputs.map((i) => `${code(i.path)} (${i.kind}${i.stack ? `, stack ${i.stack}` : ''}${i.hasSqsOrLambda ? '' : ', no SQS/Lambda resources'})`).join(', ')}`,
    '',
  );

  if (report.findings.length > 0) {
    if (report.findings.some((f) => f.severity !== 'undetermined' || f.suppressed)) out.push('### Findings by pipeline', '');
    let used = out.join('\n').length + 4000; // leave room for the budget table
    let hidden = 0;
    const few = report.findings.length <= 20;
    const byCause = report.undeterminedGroups.length > 0;
    for (const group of groupFindings(report)) {
      // live undetermined findings are listed by cause below
      const g = { ...group, findings: group.findings.filter((f) => f.severity !== 'undetermined' || f.suppressed) };
      if (g.findings.length === 0) continue;
      const title = g.pipeline
        ? `${code(g.pipeline.queue)} → ${code(g.pipeline.function)}`
        : 'resources outside a queue → function pipeline';
      const where = report.inputs.length > 1 ? `${cell(inputLabel(report, g.input))}: ` : '';
      const open = few && g.findings.some((f) => f.severity === 'deny' && !f.suppressed) ? ' open' : '';
      const block = [`<details${open}><summary>${where}${title} — ${counts(g.findings)}</summary>`, ''];
      if (g.pipeline) block.push(numbers(g.pipeline), '');
      block.push('| severity | rule | resource | message | remediation |', '|---|---|---|---|---|');
      const head = block.join('\n').length;
      if (used + head > MARKDOWN_BUDGET) {
        hidden += g.findings.length;
        continue;
      }
      used += head;
      let shown = 0;
      for (const f of g.findings) {
        const sev = f.suppressed ? `🔕 suppressed ${f.severity}` : ICON[f.severity];
        const message = f.suppressed ? `${cell(clip(f.message))}<br>**suppressed:** ${cell(clip(f.suppressed.reason, 200))}${f.suppressed.expires ? ` (until ${f.suppressed.expires})` : ''}` : cell(clip(f.message));
        const row = `| ${sev} | ${f.rule} | ${code(f.resource)}${f.file ? `<br>${code(sourceRef(f))}` : ''} | ${message} | ${cell(clip(f.remediation, 200))} |`;
        if (used + row.length + 1 > MARKDOWN_BUDGET) break;
        block.push(row);
        used += row.length + 1;
        shown++;
      }
      hidden += g.findings.length - shown;
      if (shown < g.findings.length) block.push('', `_${g.findings.length - shown} more findings in this group are not shown._`);
      block.push('', '</details>', '');
      out.push(...block);
    }
    if (byCause) {
      out.push('### Undetermined, by cause', '');
      for (const g of report.undeterminedGroups) {
        out.push(`**${code(g.cause)}** — ${cell(g.sentence)} To resolve: ${cell(g.resolve)}.`, '');
        const rows = g.findings.map((f) => `${f.rule} ${code(f.resource)}${g.cause === 'unspecified' ? `: ${cell(clip(f.message))}` : ''}`);
        const shownRows: string[] = [];
        for (const r of rows) {
          if (used + r.length + 4 > MARKDOWN_BUDGET) break;
          shownRows.push(r);
          used += r.length + 4;
        }
        out.push(`<details><summary>${g.findings.length} undetermined</summary>`, '', shownRows.map((r) => `- ${r}`).join('\n'), '', '</details>', '');
        hidden += rows.length - shownRows.length;
      }
    }
    if (hidden > 0) out.push(`> ${hidden} findings are not listed here to keep this comment under GitHub's size limit: see the SARIF upload or \`sqsguard check --format json\`.`, '');
  } else {
    out.push('No findings.', '');
  }

  if (report.pipelines.length > 0) {
    out.push('### Retry budget', '');
    out.push(
      '| pipeline | receives before DLQ | first receive → DLQ | source retention | expires before DLQ | DLQ retention (left in DLQ) | duplicate window | concurrent batches | retries until expiry (no DLQ) |',
      '|---|---:|---:|---:|:---:|---:|---:|---:|---:|',
    );
    for (const p of report.pipelines) {
      const where = report.inputs.length > 1 ? `${cell(inputLabel(report, p.input))}: ` : '';
      out.push(
        `| ${where}${code(p.queue)} → ${code(p.function)}${typeof p.dlq === 'string' && p.dlq !== 'unknown' ? ` (DLQ ${code(p.dlq)})` : p.dlq === null ? ' (**no DLQ**)' : ''} | ${formatQuantity(p.max_receives_before_dlq)} | ${formatDuration(p.time_to_dlq_seconds)} | ${formatDuration(p.source_retention_seconds)} | ${p.expires_before_dlq === true ? '**yes**' : formatQuantity(p.expires_before_dlq)} | ${p.dlq_retention_seconds === null ? '–' : `${formatDuration(p.dlq_retention_seconds)} (${formatDuration(p.time_in_dlq_seconds)})`} | ${formatDuration(p.duplicate_window_seconds)} | ${formatQuantity(p.max_concurrent_batches)} (${p.concurrency_limited_by}) | ${formatQuantity(p.retries_until_expiry)} |`,
      );
    }
    out.push('');
  }
  out.push(`<sub>${report.tool.name} ${report.tool.version}</sub>`, '');
  return out.join('\n');
}

function numbers(p: ReportPipeline): string {
  const s = p.settings;
  const d = (k: string): string => formatDuration((s[k] ?? null) as number | null | 'unknown');
  const q = (k: string): string => formatQuantity((s[k] ?? null) as number | null | 'unknown');
  return [
    `visibility timeout ${d('visibility_timeout')}`,
    `function timeout ${d('function_timeout')}`,
    `maxReceiveCount ${q('max_receive_count')}`,
    `batch size ${q('batch_size')}`,
    `batching window ${d('batching_window')}`,
    `retention ${d('source_retention')}`,
    `DLQ retention ${d('dlq_retention')}`,
    `reserved concurrency ${q('reserved_concurrency')}`,
    `maximum concurrency ${q('maximum_concurrency')}`,
  ].join(' · ');
}
