import { EXPIRED_RULE, SuppressionsError, applySuppressions, isExpired, matches, parseSuppressions } from '../../lib/engine/suppressions';
import { InputError } from '../../lib/engine/input';
import { Finding } from '../../lib/engine/report';

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'SQSL002',
  severity: 'deny',
  resource: 'aws_sqs_queue.orders_Queue_D2FC8389',
  related: [],
  message: 'm',
  remediation: 'r',
  input: 'cdk.tf.json',
  constructPath: 'orders-dev/orders/Queue',
  ...over,
});

describe('suppressions', () => {
  it('GIVEN globs WHEN matched THEN rule and resource (address or construct path) both have to match', () => {
    expect(matches({ rule: 'SQSL002', resource: 'aws_sqs_queue.*', reason: 'x' }, finding())).toBe(true);
    expect(matches({ rule: 'SQSL00*', resource: 'orders-dev/**', reason: 'x' }, finding())).toBe(true);
    expect(matches({ rule: 'SQSL001', resource: '*', reason: 'x' }, finding())).toBe(false);
    expect(matches({ rule: 'SQSL002', resource: 'aws_lambda_function.*', reason: 'x' }, finding())).toBe(false);
    // exact addresses with index brackets match themselves
    expect(matches({ rule: 'SQSL002', resource: 'module.p[0].aws_sqs_queue.q', reason: 'x' }, finding({ resource: 'module.p[0].aws_sqs_queue.q' }))).toBe(true);
  });

  it('GIVEN a live and an expired entry WHEN applied THEN the finding is suppressed with its reason and the expired entry becomes a deny finding', () => {
    const out = applySuppressions(
      [finding()],
      [
        { rule: 'SQSL002', resource: 'aws_sqs_queue.*', reason: 'batch job, reviewed', expires: '2030-01-01' },
        { rule: 'SQSL009', resource: '*', reason: 'old', expires: '2024-12-31' },
      ],
      'sup.json',
      '2025-06-01',
    );
    expect(out[0].suppressed).toEqual({ reason: 'batch job, reviewed', expires: '2030-01-01' });
    expect(out[1]).toMatchObject({ rule: EXPIRED_RULE, severity: 'deny', resource: '*', input: 'sup.json' });
    expect(out[1].message).toContain('2024-12-31');
  });

  it('GIVEN the expiry day itself WHEN checked THEN the entry still holds', () => {
    expect(isExpired({ rule: 'a', resource: 'b', reason: 'c', expires: '2025-06-01' }, '2025-06-01')).toBe(false);
    expect(isExpired({ rule: 'a', resource: 'b', reason: 'c', expires: '2025-06-01' }, '2025-06-02')).toBe(true);
  });

  it.each([
    [{ rule: 'SQSL001', resource: '*' }, '"reason" is required'],
    [{ rule: 'SQSL001', resource: '*', reason: '  ' }, '"reason" is blank'],
    [{ resource: '*', reason: 'x' }, '"rule" is required'],
    [{ rule: 'SQSL001', resource: '*', reason: 'x', expires: '31.12.2025' }, '"expires" must be a calendar date YYYY-MM-DD'],
    [{ rule: 'SQSL001', resource: '*', reason: 'x', expires: '2025-02-30' }, '"expires" must be a calendar date YYYY-MM-DD'],
    [{ rule: 'SQSL001', resource: '*', reason: 'x', until: '2025-02-01' }, 'unknown key "until"'],
  ])('GIVEN entry %j WHEN parsed THEN it is rejected: %s', (entry, message) => {
    expect(() => parseSuppressions('s.json', [entry])).toThrow(InputError);
    expect(() => parseSuppressions('s.json', [entry])).toThrow(message);
  });

  it('GIVEN several bad entries WHEN parsed THEN every problem is listed, one line each naming the file and entry', () => {
    const bad = () => parseSuppressions('s.json', [{ rule: 'SQSL13', resource: '*', reason: 'x' }, { rule: 'SQSL001', resource: '*', reason: '\u200b' }]);
    expect(bad).toThrow(SuppressionsError);
    try {
      bad();
    } catch (e) {
      expect((e as SuppressionsError).problems).toEqual([
        's.json: suppression #1: "rule" "SQSL13" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")',
        's.json: suppression #2: "reason" is blank (only whitespace, punctuation or invisible characters): say why the finding is accepted',
      ]);
    }
  });

  it('GIVEN {"suppressions": [...]} WHEN parsed THEN it is accepted like a bare array', () => {
    expect(parseSuppressions('s.json', { suppressions: [{ rule: 'SQSL001', resource: 'b', reason: 'c' }] })).toHaveLength(1);
  });
});
