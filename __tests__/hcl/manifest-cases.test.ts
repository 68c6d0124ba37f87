/**
 * Terraform root modules with a real plan.json and a manifest of their defects (rule, resource,
 * file, line): fixtures/hcl always, and the practitioner corpus (corpus/) when it is in the tree.
 * For each case: `check <dir>` agrees with `check plan.json` and finds the manifest's defects;
 * `check plan.json --source-dir <dir>` finds them all (also those only the HCL holds) at the
 * manifest's file and line; nothing else is denied or warned about; SARIF points at the .tf line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluate } from '../../lib/engine/evaluate';
import { loadInputs } from '../../lib/engine/input';
import { Finding } from '../../lib/engine/report';
import { renderSarif } from '../../lib/format/sarif';
import { withSource } from '../../lib/hcl';
import { ROOT, sarifValidator } from '../cli/run-cli';

interface Defect {
  rule: string;
  severity: string;
  resource: string;
  file: string;
  line: number;
  needs_source: boolean;
}
interface Case {
  case: string;
  safe: boolean;
  defects: Defect[];
}

const MANIFESTS = ['fixtures/hcl', 'corpus'].filter((d) => fs.existsSync(path.join(ROOT, d, 'manifest.json')));

/**
 * Defects the policy model does not find in the plan either: the model's to close, not the HCL
 * reader's. `check <dir>` must agree with the plan on these, and this list must shrink (a listed
 * defect that is found fails the test, so the entry gets removed). Empty since the model follows
 * module outputs and variables at any depth.
 */
const MODEL_GAPS = new Set<string>([]);

/**
 * Defects the HCL finds and the plan alone leaves undecided: the queue's redrive_policy is
 * `local.create_dlq ? jsonencode(merge(var.redrive_policy, { deadLetterTargetArn = ... })) : null`,
 * unknown until apply, and the module call sets maxReceiveCount = var.max_receive_count, a root
 * variable the model leaves unresolved inside the module's merge(). The plan reports
 * SQSL004 undetermined. Not listed: sqs-module-mrc-high (maxReceiveCount = 1000, a constant in the
 * module call, read from the configuration) and sqs-module-no-dlq (create_dlq = false: the planned
 * redrive_policy is a known null), both decided from the plan. Exact: a listed defect found in the
 * plan fails.
 */
const UNDECIDED_IN_PLAN = new Set<string>(['corpus/sqs-module-mrc-low SQSL004 module.orders_queue.aws_sqs_queue.this[0]']);

/**
 * Defects the manifest says only the HCL holds (needs_source) that the model reads from the plan
 * alone. Empty: maxReceiveCount = var.max_receive_count inside jsonencode() beside an unknown ARN
 * (flat-locals-jsonencode, jsonencode-var-mrc) is undetermined in the plan, since the model no longer
 * guesses it from "the one number variable" the expression references. Exact: a defect the plan
 * finds while the manifest says it needs the source fails until it is listed here.
 */
const NEEDS_SOURCE_FOUND_IN_PLAN = new Set<string>([]);

/**
 * Deny/warn findings beyond the manifest that the plan gives too (the model's false positives).
 * Empty: the model fills unknown statement elements from the configuration's references.
 */
const MODEL_FALSE_POSITIVE_RULES = new Set<string>([]);

/**
 * IAM defects whose manifest line is a value inside the policy (an action list, a managed policy
 * ARN, a flag deciding a statement): the finding names the role or policy, not the statement, so it
 * points at the policy attribute (or the role block) instead. Exact: an entry found at its line fails.
 */
const LOCATION_GAPS = new Set<string>([
  'corpus/iam-aws-managed-sqs-execution-role SQSL023 aws_iam_role.orders_worker',
  'corpus/iam-constructed-arn-wrong-queue SQSL024 aws_iam_role.orders_worker',
  'corpus/iam-exclusive-policies-sqs-star SQSL023 aws_iam_role_policy.orders_consume',
  'corpus/iam-inline-policy-no-kms-decrypt SQSL025 aws_iam_role.orders_worker',
  'corpus/iam-managed-policy-sqs-star SQSL023 aws_iam_policy.orders_consume',
  'corpus/iam-override-drops-receive SQSL024 aws_iam_role.orders_worker',
  'corpus/iam-policy-attachment-no-receive SQSL024 aws_iam_role.orders_worker',
  'corpus/queue-policy-without-tls SQSL022 aws_sqs_queue.orders',
]);

/** Cases whose plan holds nothing the policy reads as known only after apply. */
const NO_APPLY_TIME_UNKNOWNS = new Set(['fixtures/hcl/literal-arns']);

const failing = (fs: Finding[]): Finding[] => fs.filter((f) => f.severity !== 'undetermined');
const key = (f: { rule: string; resource: string }): string => `${f.rule} ${f.resource}`;
// by rule and resource: the manifest's severities follow the catalogue being restructured
const find = (fs: Finding[], d: { rule: string; resource: string }): Finding | undefined =>
  failing(fs).find((f) => f.rule === d.rule && f.resource === d.resource);

/** At the manifest's file and line; a LOCATION_GAPS entry that gets there fails, so it is removed. */
function expectAtManifestLine(f: Finding, d: Defect & { caseDir: string; id: string }): void {
  const at = { defect: d.id, at: `${f.file}:${f.line}` };
  if (LOCATION_GAPS.has(d.id)) expect(at).not.toEqual({ defect: d.id, at: `${d.caseDir}/${d.file}:${d.line}` });
  else expect(at).toEqual({ defect: d.id, at: `${d.caseDir}/${d.file}:${d.line}` });
}

describe.each(MANIFESTS)('Terraform sources of %s', (dir) => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'manifest.json'), 'utf8')) as { cases: Case[] };
  const cwd = process.cwd();
  beforeAll(() => process.chdir(ROOT)); // findings name files relative to the working directory
  afterAll(() => process.chdir(cwd));

  describe.each(manifest.cases.map((c) => [c.case, c] as const))('%s', (name, c) => {
    const caseDir = `${dir}/${name}`;
    const id = (d: { rule: string; resource: string }): string => `${caseDir} ${key(d)}`;
    let fromDir: Finding[];
    let fromPlan: Finding[];
    let fromPlanAndSource: Finding[];
    beforeAll(() => {
      fromDir = evaluate(loadInputs([caseDir])).findings;
      fromPlan = evaluate(loadInputs([`${caseDir}/plan.json`])).findings;
      fromPlanAndSource = evaluate(loadInputs([`${caseDir}/plan.json`]).map((i) => withSource(i, caseDir))).findings;
    });

    if (NO_APPLY_TIME_UNKNOWNS.has(caseDir)) {
      it('without values known only after apply, check <dir> gives exactly the findings of check plan.json', () => {
        const same = (f: Finding) => ({ rule: f.rule, severity: f.severity, resource: f.resource, related: f.related, message: f.message });
        expect(fromDir.map(same)).toEqual(fromPlan.map(same));
      });
    }

    it('check <dir> keeps every deny and warn of check plan.json (but the model\'s false positives)', () => {
      const defects = new Set(c.defects.map(key));
      const kept = failing(fromPlan).filter((f) => defects.has(key(f)) || !MODEL_FALSE_POSITIVE_RULES.has(f.rule));
      expect(failing(fromDir).map(key)).toEqual(expect.arrayContaining(kept.map(key)));
    });

    it('check <dir> denies or warns only where the plan does, or where the plan cannot decide', () => {
      // undecided in the plan: a finding of the same rule, or any on the same resource
      const undecided = fromPlan.filter((f) => f.severity === 'undetermined');
      const planFailing = new Set(failing(fromPlan).map(key));
      const extra = failing(fromDir).filter((f) => !planFailing.has(key(f)) && !undecided.some((u) => u.rule === f.rule || u.resource === f.resource));
      expect(extra.map(key)).toEqual([]);
    });

    it('check <dir> finds every defect of the manifest, at its file and line', () => {
      for (const d of c.defects) {
        const f = find(fromDir, d);
        if (MODEL_GAPS.has(id(d))) {
          expect({ defect: id(d), found: f !== undefined, inPlan: find(fromPlan, d) !== undefined }).toEqual({ defect: id(d), found: false, inPlan: false });
          continue;
        }
        expect({ defect: id(d), found: f !== undefined }).toEqual({ defect: id(d), found: true });
        expectAtManifestLine(f!, { ...d, caseDir, id: id(d) });
        if (UNDECIDED_IN_PLAN.has(id(d))) expect({ defect: id(d), inPlan: find(fromPlan, d) !== undefined }).toEqual({ defect: id(d), inPlan: false });
      }
    });

    it('check plan.json --source-dir finds every defect, also those only the HCL holds, at its file and line', () => {
      for (const d of c.defects) {
        if (MODEL_GAPS.has(id(d))) continue;
        const f = find(fromPlanAndSource, d);
        expect({ defect: id(d), found: f !== undefined }).toEqual({ defect: id(d), found: true });
        expectAtManifestLine(f!, { ...d, caseDir, id: id(d) });
      }
      // without the source, the plan alone misses what only the HCL holds
      for (const d of c.defects.filter((x) => x.needs_source)) {
        expect({ defect: id(d), inPlan: find(fromPlan, d) !== undefined }).toEqual({ defect: id(d), inPlan: NEEDS_SOURCE_FOUND_IN_PLAN.has(id(d)) });
      }
    });

    it('no deny or warn beyond the manifest (zero false positives), from the directory or the plan with its source', () => {
      const expected = new Set(c.defects.map(key));
      for (const findings of [fromDir, fromPlanAndSource]) {
        const extra = failing(findings).filter((f) => !expected.has(key(f)) && !(MODEL_FALSE_POSITIVE_RULES.has(f.rule) && find(fromPlan, f)));
        expect(extra.map(key)).toEqual([]);
      }
    });

    if (c.defects.length > 0) {
      it('SARIF of the plan with --source-dir is valid 2.1.0 and points at the manifest lines', () => {
        const report = evaluate(loadInputs([`${caseDir}/plan.json`]).map((i) => withSource(i, caseDir)));
        const sarif = JSON.parse(renderSarif(report));
        expect(sarifValidator()(sarif)).toEqual([]);
        for (const d of c.defects) {
          if (MODEL_GAPS.has(id(d)) || LOCATION_GAPS.has(id(d))) continue;
          const result = sarif.runs[0].results.find(
            (r: { ruleId: string; properties: { resource: string } }) => r.ruleId === d.rule && r.properties.resource === d.resource,
          );
          expect(result.locations[0].physicalLocation).toEqual({
            artifactLocation: { uri: `${caseDir}/${d.file}`, uriBaseId: '%SRCROOT%' },
            region: { startLine: d.line },
          });
        }
      });
    }
  });
});
