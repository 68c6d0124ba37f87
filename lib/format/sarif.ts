import * as crypto from 'crypto';
import * as path from 'path';
import { Finding, Report } from '../engine/report';

const LEVEL = { deny: 'error', warn: 'warning', undetermined: 'note' } as const;

const uri = (p: string): string => (p === '-' ? 'stdin' : path.relative(process.cwd(), path.resolve(p)).split(path.sep).join('/') || p);

/** `--format sarif`: SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif). */
export function renderSarif(report: Report): string {
  // the catalogue, then descriptors of rule ids it does not (yet) describe
  const rules = [...report.rules, ...report.uncataloguedRules];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const artifacts = report.inputs.map((i) => uri(i.path));

  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map((r) => ({
              id: r.id,
              name: ruleName(r.title),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description.trim() || r.title },
              help: { text: r.remediation, markdown: `**Remediation:** ${r.remediation}${r.url ? `\n\n[Documentation](${r.url})` : ''}` },
              ...(r.url ? { helpUri: r.url } : {}),
              defaultConfiguration: { level: LEVEL[r.severity] ?? 'warning' },
              properties: { tags: ['sqs', 'lambda', 'terraform'], severity: r.severity },
            })),
          },
        },
        artifacts: artifacts.map((a) => ({ location: { uri: a } })),
        results: report.findings.map((f) => result(f, report, index.get(f.rule)!)),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function result(f: Finding, report: Report, ruleIndex: number): Record<string, unknown> {
  const logicalLocations: Record<string, unknown>[] = [{ fullyQualifiedName: f.resource, name: f.resource.split('.').pop(), kind: 'resource' }];
  if (f.constructPath) logicalLocations.push({ fullyQualifiedName: f.constructPath, name: f.constructPath.split('/').pop(), kind: 'module' });
  const artifact = f.input ? uri(f.input) : undefined;
  const location: Record<string, unknown> = { logicalLocations };
  if (f.file) {
    // the .tf line, relative to the working directory (the repository root in CI), so code
    // scanning annotates it in the pull request
    location.physicalLocation = {
      artifactLocation: { uri: uri(f.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: f.line ?? 1 },
    };
  } else if (artifact) {
    location.physicalLocation = {
      artifactLocation: { uri: artifact, ...(report.inputs.some((i) => i.path === f.input) ? { index: report.inputs.findIndex((i) => i.path === f.input) } : {}) },
      region: { startLine: f.line ?? 1 },
    };
  }
  return {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    kind: f.severity === 'undetermined' ? 'review' : 'fail',
    message: { text: `${f.message} (${f.resource})` },
    locations: [location],
    ...(f.related.length > 0
      ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r }, logicalLocations: [{ fullyQualifiedName: r, kind: 'resource' }] })) }
      : {}),
    partialFingerprints: {
      sqsguardFinding: crypto.createHash('sha256').update(`${f.rule}\0${f.resource}\0${report.inputs.find((i) => i.path === f.input)?.stack ?? ''}`).digest('hex'),
    },
    ...(f.suppressed
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.suppressed.reason, ...(f.suppressed.expires ? { properties: { expires: f.suppressed.expires } } : {}) }] }
      : {}),
    properties: {
      severity: f.severity,
      resource: f.resource,
      related: f.related,
      remediation: f.remediation,
      ...(f.constructPath ? { constructPath: f.constructPath } : {}),
      ...(f.file ? { input: f.input } : {}),
    },
  };
}

/** "Visibility timeout shorter than function timeout" -> "VisibilityTimeoutShorterThanFunctionTimeout" */
function ruleName(title: string): string {
  return title
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
