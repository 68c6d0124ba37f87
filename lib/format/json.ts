import { Report } from '../engine/report';

/** `--format json`: one JSON document (see docs/cli.md). */
export function renderJson(report: Report): string {
  const doc = {
    tool: report.tool,
    inputs: report.inputs.map((i) => ({ path: i.path, kind: i.kind, ...(i.stack ? { stack: i.stack } : {}) })),
    summary: report.summary,
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      resource: f.resource,
      related: f.related,
      message: f.message,
      remediation: f.remediation,
      input: f.input,
      // only from Terraform source: the line of a JSON input was never printed here
      ...(f.file ? { file: f.file, ...(f.line !== undefined ? { line: f.line } : {}) } : {}),
      ...(f.constructPath ? { construct_path: f.constructPath } : {}),
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
      ...(f.originalSeverity ? { original_severity: f.originalSeverity } : {}),
      ...(f.cause ? { cause: f.cause } : {}),
    })),
    undetermined_groups: report.undeterminedGroups.map((g) => ({
      cause: g.cause,
      sentence: g.sentence,
      resolve: g.resolve,
      findings: g.findings.map((f) => ({ rule: f.rule, resource: f.resource, input: f.input, message: f.message })),
    })),
    pipelines: report.pipelines.map(({ settings, ...budget }) => ({ ...budget, settings })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
