import { formatDuration } from '../../lib/format/quantities';

describe('formatDuration', () => {
  it.each([
    [345600, '4 d'],
    [5400, '1 h 30 min'],
    [180, '3 min'],
    [1825, '30 min 25 s'],
    [45, '45 s'],
    [0, '0 s'],
    [null, '–'],
    ['unknown', 'unknown'],
  ] as const)('GIVEN %p WHEN formatted THEN %p', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
