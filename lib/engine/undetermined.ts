/**
 * Undetermined findings grouped by cause across resources: the policy puts a cause code on every
 * undetermined finding (policies/sqsguard/lib/model, `cause_of`); a reader gets one sentence per
 * cause — what could not be read, why, and what would resolve it — instead of one message per
 * resource. docs/rules.md lists the codes.
 */
import { Finding, UndeterminedGroup } from './report';

interface CauseText {
  /** What could not be read and why. */
  what: string;
  /** What would resolve it. */
  resolve: string;
}

const SOURCE = 'the HCL source (`--source-dir`, coming)';

export const CAUSES: Record<string, CauseText> = {
  apply_time_jsonencode: {
    what: 'computed at apply time: jsonencode() (or another function) with the ARN of a resource this plan creates, so the plan holds the whole value as unknown and keeps only the names it refers to',
    resolve: `${SOURCE}, or a second plan after the first apply, when the ARN is known`,
  },
  unknown_variable: {
    what: 'set from a variable the input gives no value for',
    resolve: 'a plan (`terraform show -json`) made with the variable set',
  },
  unrecorded_value: {
    what: 'set from a local value, each.value/count.index or a condition, which a plan does not record',
    resolve: SOURCE,
  },
  remote_module: {
    what: 'set from an output of a module the input does not contain (a registry module called from a synthesized config)',
    resolve: "a plan (`terraform show -json`), which holds the module's resources",
  },
  data_source_apply_time: {
    what: 'read from a data source Terraform reads only at apply time',
    resolve: 'a second plan after the first apply',
  },
  not_in_document: {
    what: 'a resource outside this input (named by a literal ARN, name or URL)',
    resolve: 'checking the input that declares it together with this one, or a suppression with the reason',
  },
  known_after_apply: {
    what: 'computed by the provider at apply time',
    resolve: 'a second plan after the first apply, or setting the attribute explicitly',
  },
  ambiguous_name: {
    what: 'named by a literal name or ARN that matches several resources',
    resolve: 'a reference (aws_sqs_queue.x.arn) instead of the literal name',
  },
  unattributed_resource: {
    what: 'possibly changed by a separate resource (redrive, queue or role policy) whose target cannot be resolved',
    resolve: 'a reference to the target (aws_sqs_queue.x.url, aws_iam_role.x.name) in that resource',
  },
  unspecified: {
    what: 'a value the rule could not read (see each finding)',
    resolve: 'the value each finding names',
  },
};

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Live (unsuppressed) undetermined findings grouped by cause, largest group first, in report order within a group. */
export function groupUndetermined(findings: Finding[]): UndeterminedGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity !== 'undetermined' || f.suppressed) continue;
    const cause = f.cause && CAUSES[f.cause] ? f.cause : 'unspecified';
    if (!groups.has(cause)) groups.set(cause, []);
    groups.get(cause)!.push(f);
  }
  return [...groups.entries()]
    .sort(([a, fa], [b, fb]) => fb.length - fa.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(([cause, fs]) => {
      const rules = [...new Set(fs.map((f) => f.rule))].sort();
      const resources = new Set(fs.map((f) => `${f.input}\0${f.resource}`)).size;
      return {
        cause,
        sentence: `${plural(fs.length, 'check')} (${rules.join(', ')}) on ${plural(resources, 'resource')} could not be decided: the value is ${CAUSES[cause].what}.`,
        resolve: CAUSES[cause].resolve,
        findings: fs,
      };
    });
}
