import { Finding, Report } from '../engine/report';

// XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and U+FFFE/F
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/g;
export const xml = (s: string): string =>
  s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

interface Case {
  classname: string;
  name: string;
  findings: Finding[];
}

/**
 * `--format junit`: one <testsuite> per input; in it one <testcase> per rule and resource with a
 * finding (deny: <failure>; undetermined: <skipped>, or <failure> with --strict; warn: passes, with
 * the message in <system-out>; suppressed: <skipped> with the reason) and one passing <testcase> per
 * catalogue rule that found nothing in that input.
 */
export function renderJunit(report: Report): string {
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const input of report.inputs) {
    const findings = report.findings.filter((f) => f.input === input.path);
    const cases = new Map<string, Case>();
    for (const f of findings) {
      const key = `${f.rule}\0${f.resource}`;
      if (!cases.has(key)) cases.set(key, { classname: f.rule, name: f.resource, findings: [] });
      cases.get(key)!.findings.push(f);
    }
    const ruled = new Set(findings.map((f) => f.rule));
    for (const r of report.rules) {
      if (!ruled.has(r.id)) cases.set(`${r.id}\0`, { classname: r.id, name: `${r.title}: no findings`, findings: [] });
    }
    const sorted = [...cases.values()].sort((a, b) => (a.classname + a.name < b.classname + b.name ? -1 : 1));
    let suiteFailures = 0;
    let suiteSkipped = 0;
    const body: string[] = [];
    for (const c of sorted) {
      const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" file="${xml(input.path)}">`;
      const live = c.findings.filter((f) => !f.suppressed);
      const failing = live.filter((f) => f.severity === 'deny' || (report.strict && f.severity === 'undetermined'));
      const undetermined = live.filter((f) => f.severity === 'undetermined');
      const detail = (fs: Finding[]): string =>
        xml(fs.map((f) => `${f.severity} ${f.rule} ${f.resource}: ${f.message}\nremediation: ${f.remediation}${f.related.length ? `\nrelated: ${f.related.join(', ')}` : ''}`).join('\n\n'));
      if (failing.length > 0) {
        suiteFailures++;
        body.push(open, `      <failure message="${xml(failing[0].message)}" type="${xml(failing[0].severity)}">${detail(failing)}</failure>`, '    </testcase>');
      } else if (undetermined.length > 0) {
        suiteSkipped++;
        body.push(open, `      <skipped message="${xml(`undetermined: ${undetermined[0].message}`)}"/>`, '    </testcase>');
      } else if (live.length === 0 && c.findings.length > 0) {
        suiteSkipped++;
        const s = c.findings[0].suppressed!;
        body.push(open, `      <skipped message="${xml(`suppressed: ${s.reason}${s.expires ? ` (until ${s.expires})` : ''}`)}"/>`, `      <system-out>${detail(c.findings)}</system-out>`, '    </testcase>');
      } else if (live.length > 0) {
        body.push(open, `      <system-out>${detail(live)}</system-out>`, '    </testcase>');
      } else {
        body.push(open.replace(/>$/, '/>'));
      }
    }
    tests += sorted.length;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(
      `  <testsuite name="${xml(input.stack ? `${input.stack} (${input.path})` : input.path)}" tests="${sorted.length}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">`,
      ...body,
      '  </testsuite>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`${report.tool.name} ${report.tool.version}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
