/**
 * validateSuppressions: the one check for the CLI's file and the guard's inline list. Each
 * problem is one line naming the source and the entry.
 */
import { isCalendarDate, validateSuppressions, visibleText } from '../../lib/suppressions';

const ok = { rule: 'SQSL013', resource: 'aws_lambda_function.orders', reason: 'timeout raised on purpose for the backfill' };

function problems(entries: unknown, source = 'sqsguard.suppressions.json'): string[] {
  return validateSuppressions(entries, source).problems;
}

describe('valid suppressions', () => {
  test('an array, or {"suppressions": [...]}, with and without expires', () => {
    const list = [ok, { ...ok, rule: 'SQSL01*', resource: 'module.*', expires: '2028-02-29' }];
    expect(validateSuppressions(list, 'f')).toEqual({ suppressions: list, problems: [] });
    expect(validateSuppressions({ suppressions: list }, 'f')).toEqual({ suppressions: list, problems: [] });
    expect(validateSuppressions([], 'f')).toEqual({ suppressions: [], problems: [] });
  });

  test('rule "*" and catalogue ids; resource addresses with a for_each key holding a space', () => {
    expect(problems([{ ...ok, rule: '*' }])).toEqual([]);
    expect(validateSuppressions([{ ...ok, rule: 'SQSL02?' }], 'f', { ruleIds: ['SQSL021'] }).problems).toEqual([]);
    expect(problems([{ ...ok, resource: 'aws_sqs_queue.q["my queue"]' }])).toEqual([]);
  });

  test('reasons in any script pass', () => {
    for (const reason of ['ok', 'Zeitüberschreitung gewollt', '意図的', 'نعم', '7']) expect(problems([{ ...ok, reason }])).toEqual([]);
  });
});

describe('reason: blank after removing whitespace and invisible characters', () => {
  test.each([
    ['empty', ''],
    ['spaces and tabs', ' \t\n '],
    ['zero-width space', '\u200b'],
    ['ZWNJ and ZWJ', '\u200c\u200d'],
    ['BOM', '\ufeff'],
    ['NBSP', '\u00a0\u00a0'],
    ['Hangul filler', '\u3164'],
    ['Hangul choseong/jungseong fillers', '\u115f\u1160'],
    ['halfwidth Hangul filler', '\uffa0'],
    ['word joiner and bidi marks', '\u2060\u200e\u200f\u202e'],
    ['ideographic space and em space', '\u3000\u2003'],
    ['braille blank', '\u2800'],
    ['combining marks alone', '\u0301\u0308'],
    ['variation selector', '\ufe0f'],
    ['a control character', '\u0007'],
    ['punctuation only', '...'],
  ])('%s', (_, reason) => {
    expect(problems([{ ...ok, reason }])).toEqual([
      'sqsguard.suppressions.json: suppression #1: "reason" is blank (only whitespace, punctuation or invisible characters): say why the finding is accepted',
    ]);
  });

  test('visibleText keeps what shows', () => {
    expect(visibleText('\u200ba\u00a0b\u3164')).toBe('ab');
  });
});

describe('expires: a real calendar date YYYY-MM-DD', () => {
  test.each([['garbage'], ['2026-02-30'], ['2026-13-01'], ['2026-00-10'], ['2026-1-5'], ['20260105'], ['2025-02-29'], ['2026-04-31'], [' 2026-01-05']])('%s', (expires) => {
    expect(problems([{ ...ok, expires }])).toEqual([`sqsguard.suppressions.json: suppression #1: "expires" must be a calendar date YYYY-MM-DD (found ${JSON.stringify(expires)})`]);
  });

  test('not a string', () => {
    expect(problems([{ ...ok, expires: 20260105 }])).toEqual(['sqsguard.suppressions.json: suppression #1: "expires" must be a calendar date YYYY-MM-DD (found a number)']);
    expect(problems([{ ...ok, expires: null }])).toEqual(['sqsguard.suppressions.json: suppression #1: "expires" must be a calendar date YYYY-MM-DD (found null)']);
  });

  test('leap days', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2026-12-31')).toBe(true);
  });
});

describe('rule and resource', () => {
  test.each<[Record<string, unknown>, string]>([
    [{ rule: undefined }, '"rule" is required (a non-empty string; found nothing)'],
    [{ rule: '' }, '"rule" is required (a non-empty string; found "")'],
    [{ rule: 13 }, '"rule" is required (a non-empty string; found a number)'],
    [{ rule: 'SQSL013\u200b' }, '"rule" contains an invisible character or surrounding whitespace (U+200B), so it would match nothing'],
    [{ rule: ' SQSL013' }, '"rule" contains an invisible character or surrounding whitespace (U+0020), so it would match nothing'],
    [{ rule: 'SQSL13' }, '"rule" "SQSL13" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")'],
    [{ rule: 'sqsl013' }, '"rule" "sqsl013" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")'],
    [{ rule: 'SQSG-SUPPRESSION-EXPIRED' }, '"rule" "SQSG-SUPPRESSION-EXPIRED" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")'],
    [{ resource: '' }, '"resource" is required (a non-empty string; found "")'],
    [{ resource: ['a'] }, '"resource" is required (a non-empty string; found an array)'],
    [{ resource: 'aws_sqs_queue.orders\u00a0' }, '"resource" contains an invisible character or surrounding whitespace (U+00A0), so it would match nothing'],
    [{ resource: 'aws_sqs_queue.\u2060orders' }, '"resource" contains an invisible character or surrounding whitespace (U+2060), so it would match nothing'],
    [{ reason: undefined }, '"reason" is required (a string saying why; found nothing)'],
    [{ reason: 42 }, '"reason" is required (a string saying why; found a number)'],
    [{ note: 'x' }, 'unknown key "note" (allowed: rule, resource, reason, expires)'],
  ])('%j', (change, expected) => {
    const entry: Record<string, unknown> = { ...ok, ...change };
    for (const k of Object.keys(change)) if (change[k] === undefined) delete entry[k];
    expect(problems([entry])).toEqual([`sqsguard.suppressions.json: suppression #1: ${expected}`]);
  });

  test('a rule that matches nothing in the given catalogue', () => {
    expect(validateSuppressions([{ ...ok, rule: 'SQSL099' }], 'f', { ruleIds: ['SQSL001', 'SQSL013'] }).problems).toEqual([
      'f: suppression #1: "rule" "SQSL099" matches no rule id (expected e.g. "SQSL013", or a glob such as "SQSL01*")',
    ]);
  });
});

describe('the list', () => {
  test('every problem of every entry, one line each, numbered from 1', () => {
    const r = validateSuppressions([ok, 'x', { ...ok, reason: ' ', expires: 'soon' }, null], 'guard option "suppressions"');
    expect(r.problems).toEqual([
      'guard option "suppressions": suppression #2: must be an object {rule, resource, reason, expires?} (found "x")',
      'guard option "suppressions": suppression #3: "reason" is blank (only whitespace, punctuation or invisible characters): say why the finding is accepted',
      'guard option "suppressions": suppression #3: "expires" must be a calendar date YYYY-MM-DD (found "soon")',
      'guard option "suppressions": suppression #4: must be an object {rule, resource, reason, expires?} (found null)',
    ]);
    expect(r.suppressions).toEqual([ok]);
    for (const line of r.problems) expect(line).not.toContain('\n');
  });

  test.each([[{}], [{ suppressions: {} }], [{ suppressions: [], extra: 1 }], ['[]'], [null]])('not a list: %j', (value) => {
    expect(problems(value)).toEqual([expect.stringMatching(/^sqsguard\.suppressions\.json: expected an array of suppressions \(or \{"suppressions": \[\.\.\.\]\}\), found /)]);
  });
});
