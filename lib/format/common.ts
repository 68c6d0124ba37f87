import { Finding, Report, ReportPipeline } from '../engine/report';

export interface FindingGroup {
  input: string;
  /** null: findings on resources outside every queue -> function pipeline. */
  pipeline: ReportPipeline | null;
  findings: Finding[];
}

const members = (p: ReportPipeline): string[] =>
  [p.mapping, p.queue, p.function, p.dlq].filter((x): x is string => typeof x === 'string' && x !== 'unknown');

/** The pipeline a finding belongs to: the first (by mapping) whose resources include its resource, else a related one. */
export function pipelineOf(f: Finding, pipelines: ReportPipeline[]): ReportPipeline | null {
  const own = pipelines.filter((p) => p.input === f.input);
  return own.find((p) => members(p).includes(f.resource)) ?? own.find((p) => f.related.some((r) => members(p).includes(r))) ?? null;
}

/** Findings grouped by input and pipeline, in report order (pipelines first, then the rest). */
export function groupFindings(report: Report): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const p of report.pipelines) groups.set(`${p.input}\0${p.mapping}`, { input: p.input, pipeline: p, findings: [] });
  for (const f of report.findings) {
    const p = pipelineOf(f, report.pipelines);
    const key = p ? `${p.input}\0${p.mapping}` : `${f.input}\0`;
    if (!groups.has(key)) groups.set(key, { input: f.input, pipeline: null, findings: [] });
    groups.get(key)!.findings.push(f);
  }
  return [...groups.values()];
}

/** "aws_sqs_queue.orders -> aws_lambda_function.orders" */
export function pipelineName(p: ReportPipeline): string {
  return `${String(p.queue ?? '?')} -> ${String(p.function ?? '?')}`;
}

export function inputLabel(report: Report, path: string): string {
  const i = report.inputs.find((x) => x.path === path);
  return i?.stack ? `${i.stack} (${path})` : path;
}

/** "queues.tf:15": where a finding was written in Terraform source (only when `file` is known). */
export function sourceRef(f: Finding): string {
  return f.line !== undefined ? `${f.file}:${f.line}` : `${f.file}`;
}
