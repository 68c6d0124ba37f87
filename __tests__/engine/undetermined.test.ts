import { CAUSES, groupUndetermined } from '../../lib/engine/undetermined';
import { Finding } from '../../lib/engine/report';

const finding = (rule: string, resource: string, cause: string | undefined, extra: Partial<Finding> = {}): Finding => ({
  rule,
  severity: 'undetermined',
  resource,
  related: [],
  message: `${rule}: cannot decide`,
  remediation: 'r',
  input: 'plan.json',
  ...(cause ? { cause } : {}),
  ...extra,
});

describe('groupUndetermined', () => {
  it('groups live undetermined findings by cause across resources, largest group first, one sentence each', () => {
    const groups = groupUndetermined([
      finding('SQSL004', 'aws_sqs_queue.a', 'apply_time_jsonencode'),
      finding('SQSL007', 'aws_sqs_queue.a', 'apply_time_jsonencode'),
      finding('SQSL004', 'aws_sqs_queue.b', 'apply_time_jsonencode'),
      finding('SQSL024', 'aws_iam_role.r', 'unrecorded_value'),
      finding('SQSL010', 'aws_lambda_function.f', undefined),
      finding('SQSL011', 'aws_lambda_function.f', 'a_code_the_engine_does_not_know'),
      finding('SQSL004', 'aws_sqs_queue.c', 'apply_time_jsonencode', { suppressed: { reason: 'known', expires: null } }),
      { ...finding('SQSL001', 'aws_sqs_queue.a', 'apply_time_jsonencode'), severity: 'deny' },
    ]);
    expect(groups.map((g) => [g.cause, g.findings.map((f) => `${f.rule} ${f.resource}`)])).toEqual([
      ['apply_time_jsonencode', ['SQSL004 aws_sqs_queue.a', 'SQSL007 aws_sqs_queue.a', 'SQSL004 aws_sqs_queue.b']],
      ['unspecified', ['SQSL010 aws_lambda_function.f', 'SQSL011 aws_lambda_function.f']],
      ['unrecorded_value', ['SQSL024 aws_iam_role.r']],
    ]);
    expect(groups[0].sentence).toBe(`3 checks (SQSL004, SQSL007) on 2 resources could not be decided: the value is ${CAUSES.apply_time_jsonencode.what}.`);
    expect(groups[0].resolve).toMatch(/second plan after the first apply/);
    expect(groups[2].sentence).toMatch(/^1 check \(SQSL024\) on 1 resource could not be decided/);
  });

  it('has a sentence and a resolution for every cause code the policy gives', () => {
    for (const code of ['apply_time_jsonencode', 'unknown_variable', 'unrecorded_value', 'remote_module', 'data_source_apply_time', 'not_in_document', 'known_after_apply', 'ambiguous_name', 'unattributed_resource', 'unspecified']) {
      expect({ code, what: CAUSES[code]?.what.length > 0, resolve: CAUSES[code]?.resolve.length > 0 }).toEqual({ code, what: true, resolve: true });
    }
  });
});
