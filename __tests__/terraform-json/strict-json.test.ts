import * as fs from 'fs';
import * as path from 'path';
import { JsonReadError, parseJsonStrict, parseJsonTree, treeFromValue, formatPath } from '../../lib/terraform-json';

function errorOf(fn: () => unknown): JsonReadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JsonReadError) return e;
    throw e;
  }
  throw new Error('expected a JsonReadError');
}

describe('parseJsonStrict reads what JSON.parse reads, the same way', () => {
  const samples = [
    '0',
    '-0.5e-3',
    '"a\\u00e9\\n\\"\\\\\\/\\b\\f\\r\\t"',
    'true',
    'null',
    '[]',
    '{}',
    ' {"a": [1, {"b": null}, "c"], "d": {"e": {}}, "f": []} ',
    '{"__proto__": {"polluted": true}}',
    '[[[[]]],[{}],{"a":[{}]}]',
    '"\\ud83d\\ude00 and a lone \\ud800"',
  ];
  test.each(samples)('%s', (text) => {
    expect(parseJsonStrict(text).value).toEqual(JSON.parse(text));
  });

  test('"__proto__" is an own key, the prototype untouched', () => {
    const v = parseJsonStrict('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('every fixture document', () => {
    const root = path.join(__dirname, '../../fixtures');
    let n = 0;
    for (const dir of ['plan', 'synth']) {
      for (const f of fs.readdirSync(path.join(root, dir))) {
        const text = fs.readFileSync(path.join(root, dir, f), 'utf8');
        expect(parseJsonStrict(text).value).toEqual(JSON.parse(text));
        n++;
      }
    }
    expect(n).toBeGreaterThan(60);
  });
});

describe('parseJsonStrict refuses with line and column', () => {
  test.each([
    ['{"a": 1,}', 1, 9, /trailing comma/],
    ['{"a": 1\n "b": 2}', 2, 2, /expected ',' or '}'/],
    ['[1, 2', 1, 6, /truncated JSON: the input ends inside an array opened at line 1, column 1/],
    ['{"a": tru}', 1, 7, /unexpected "t"/],
    ['\ufeff{}', 1, 1, /byte order mark/],
    ['{"a": "x\ny"}', 1, 9, /control character U\+000A inside a string/],
    ['{"a": "\\x"}', 1, 8, /invalid escape/],
    ['{a: 1}', 1, 2, /expected a "quoted" key/],
    ['{} {}', 1, 4, /after the end of the JSON value/],
    ['01', 1, 2, /after the end of the JSON value/],
    ['"abc', 1, 1, /unterminated string/],
    ['', 1, 1, /empty input/],
  ])('%j', (text, line, column, message) => {
    const e = errorOf(() => parseJsonStrict(text));
    expect(e.position).toEqual({ line, column });
    expect(e.problem).toMatch(message);
    expect(e.message).toBe(`line ${line}, column ${column}: ${e.problem}`);
    expect(() => JSON.parse(text)).toThrow(); // all are invalid JSON for JSON.parse too
  });

  test('a key repeated in one object names both places and the path', () => {
    const e = errorOf(() => parseJsonStrict('{\n  "a": {\n    "b": 1,\n    "b": 2\n  }\n}'));
    expect(e.message).toBe(
      'line 4, column 5: key "b" appears twice in one object (line 3, column 5 and line 4, column 5) at a.b; JSON readers disagree on which one counts',
    );
    expect(e.path).toEqual(['a', 'b']);
  });

  test('the same key in different objects is fine', () => {
    expect(parseJsonStrict('[{"a": 1}, {"a": 2}]').value).toEqual([{ a: 1 }, { a: 2 }]);
  });

  test('a number that does not fit a float64 is an error naming its path', () => {
    const e = errorOf(() => parseJsonStrict('{"r": [0, {"timeout": -1e400}]}'));
    expect(e.message).toBe('line 1, column 23: number -1e400 at r[1].timeout is too large for a 64-bit float (Terraform and the policy could not use it)');
    expect(JSON.parse('{"t": 1e400}').t).toBe(Infinity); // what JSON.parse does instead
  });

  test('integers outside the int32 range are noted with their path (not refused here)', () => {
    const r = parseJsonStrict('{"a": [2147483647, 2147483648, -2147483648, -2147483649, 3e9, 2.5e9, 1.5]}');
    expect(r.wideIntegers.map((w) => [formatPath(w.path), w.raw])).toEqual([
      ['a[1]', '2147483648'],
      ['a[3]', '-2147483649'],
      ['a[4]', '3e9'],
      ['a[5]', '2.5e9'],
    ]);
  });
});

describe('depth', () => {
  test('5,000 levels of arrays: a clean error, not a stack overflow', () => {
    const text = '['.repeat(5000) + ']'.repeat(5000);
    const e = errorOf(() => parseJsonStrict(text));
    expect(e.problem).toBe('nesting deeper than 1000 levels (sqsguard refuses it rather than risk running out of stack)');
    expect(e.position).toEqual({ line: 1, column: 1001 });
    expect(errorOf(() => parseJsonTree(text)).problem).toMatch(/^nesting deeper than 1000 levels/);
  });

  test('5,000 levels of objects, and a custom limit', () => {
    const text = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    expect(errorOf(() => parseJsonStrict(text)).problem).toMatch(/^nesting deeper than 1000 levels/);
    expect(errorOf(() => parseJsonStrict('[[[1]]]', { maxDepth: 2 })).problem).toMatch(/^nesting deeper than 2 levels/);
    expect(parseJsonStrict('[[[1]]]', { maxDepth: 3 }).value).toEqual([[[1]]]);
  });

  test('1,000 levels (the limit) read fine', () => {
    const text = '['.repeat(1000) + ']'.repeat(1000);
    expect(JSON.stringify(parseJsonStrict(text).value)).toBe(text);
  });
});

describe('parseJsonTree keeps repeated keys, in order, with positions', () => {
  test('two "resource" keys', () => {
    const { tree, source } = parseJsonTree('{\n "resource": {},\n "resource": []\n}');
    expect(tree.kind).toBe('object');
    if (tree.kind !== 'object') return;
    expect(tree.entries.map((e) => [e.key, e.value.kind, source.where(e.keyOffset)])).toEqual([
      ['resource', 'object', 'line 2, column 2'],
      ['resource', 'array', 'line 3, column 2'],
    ]);
  });

  test('treeFromValue builds the same tree shape from a plain value (no positions)', () => {
    const value = { a: [1, 'x', true, null, { b: {} }] };
    const tree = treeFromValue(value);
    const { tree: parsed } = parseJsonTree(JSON.stringify(value));
    const strip = (n: unknown): unknown => JSON.parse(JSON.stringify(n, (k, v) => (k === 'offset' || k === 'keyOffset' ? undefined : v)));
    expect(strip(tree)).toEqual(strip(parsed));
    expect(() => treeFromValue({ a: NaN })).toThrow(/not a finite number/);
  });
});

describe('differential: random JSON texts read as JSON.parse reads them', () => {
  /** mulberry32, seeded: a failure names its seed. */
  const rng = (seed: number): (() => number) => {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };
  const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0001', 'é', '\u200b', '\ufeff', '😀', '\ud800', '\udfff', '\u2028'];
  function value(r: () => number, depth: number): unknown {
    const k = Math.floor(r() * (depth > 4 ? 4 : 7));
    const str = (): string => Array.from({ length: Math.floor(r() * 6) }, () => CHARS[Math.floor(r() * CHARS.length)]).join('');
    switch (k) {
      case 0:
        return str();
      case 1:
        return [0, -0, 1, -1, 1.5, 1e21, 1e-7, 2 ** 53 + 1, -2147483649, 123456.789, 5e-324, 1.7976931348623157e308][Math.floor(r() * 12)];
      case 2:
        return r() < 0.5;
      case 3:
        return null;
      case 4:
      case 5:
        return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = Math.floor(r() * 4); i > 0; i--) o[str()] = value(r, depth + 1);
        return o;
      }
    }
  }

  test('1,000 seeded documents, compact and indented', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const r = rng(seed);
      const text = JSON.stringify(value(r, 0), null, seed % 2 === 0 ? 2 : undefined);
      expect({ seed, value: parseJsonStrict(text).value }).toEqual({ seed, value: JSON.parse(text) });
      expect({ seed, value: parseJsonStrict(`\n\t ${text} \r\n`).value }).toEqual({ seed, value: JSON.parse(text) });
    }
  });
});
