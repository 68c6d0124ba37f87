import * as fs from 'fs';
import * as path from 'path';
import { findDuplicateKey, scanJson } from '../../lib/engine/json-scan';
import { ROOT } from '../support/cdktf-app';

const parses = (t: string): boolean => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

/** What OPA's Wasm JSON parser and lenient readers accept, and JSON.parse does not. */
const ADVERSARIAL = [
  '[1,]', '{"a":1,}', '[1,,2]', '[,1]', '{,}', '{"a":1}garbage', '{"a":1} {}', '{"a":1}}', '[1]]', '{"a" 1}', '{"a":}', '{a:1}',
  "{'a':1}", '[01]', '[-01]', '[1.]', '[.5]', '[1e]', '[1e+]', '[+1]', '[-]', '[0x10]', '[NaN]', '[Infinity]', '[-Infinity]',
  '[tru]', '[nul]', '[True]', '["\\x41"]', '["\\u12G4"]', '["\\u123"]', '["a\tb"]', '["a\nb"]', '["\u0000"]', '["\\', '["abc',
  '[1', '{"a":1', '{"a"', '', ' ', '\uFEFF{}', '[1]\u00a0', '/* c */ {}', '{} // c', '[1 2]', '{"a":1 "b":2}', '[1,]]',
  '{"a":[1,{"b":[}]}', '\u000b[1]', '[1]\u000c', '"\ud800"', '{"\\u0000":1}', '[1e5,-0,-0.0e-0,0E+1]', '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
  '{"a":{"b":{"c":[[[[]]]]}}}', '  [ 1 , 2 ]  \r\n\t', 'true', 'null', '0', '-0', '"x"', '[]', '{}', '{"":""}',
];

/** A deterministic generator (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('scanJson accepts exactly what JSON.parse accepts', () => {
  test.each(ADVERSARIAL.map((t) => [JSON.stringify(t), t]))('%s', (_label, text) => {
    expect(scanJson(text) === undefined).toBe(parses(text));
  });

  test('on 20,000 random mutations of a plan fixture', () => {
    const seed = fs.readFileSync(path.join(ROOT, 'fixtures', 'plan', 'baseline.json'), 'utf8').slice(0, 4000);
    const base = JSON.stringify(JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'plan', 'baseline.json'), 'utf8')).resource_changes[0]);
    const alphabet = '{}[],:"\\ 0123456789.eE+-truefalsn\t\n/u';
    const random = rng(42);
    let rejected = 0;
    for (let k = 0; k < 20000; k++) {
      const src = k % 2 ? base : seed;
      const chars = src.split('');
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (chars.length + 1));
        const op = random();
        if (op < 0.4) chars.splice(at, 1);
        else if (op < 0.8) chars.splice(at, 0, alphabet[Math.floor(random() * alphabet.length)]);
        else chars.splice(at, 1, alphabet[Math.floor(random() * alphabet.length)]);
      }
      const text = chars.join('');
      const ok = parses(text);
      if (!ok) rejected++;
      if ((scanJson(text) === undefined) !== ok) throw new Error(`disagrees with JSON.parse on ${JSON.stringify(text)}`);
    }
    expect(rejected).toBeGreaterThan(5000);
  });

  test('every fixture and corpus plan is valid', () => {
    const files = [
      ...['plan', 'synth'].flatMap((d) => fs.readdirSync(path.join(ROOT, 'fixtures', d)).filter((f) => f.endsWith('.json')).map((f) => path.join(ROOT, 'fixtures', d, f))),
      ...fs.readdirSync(path.join(ROOT, 'corpus')).map((d) => path.join(ROOT, 'corpus', d, 'plan.json')).filter((f) => fs.existsSync(f)),
    ];
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect([f, scanJson(fs.readFileSync(f, 'utf8'), { duplicateKeys: true })]).toEqual([f, undefined]);
  });

  test('errors say where', () => {
    expect(scanJson('[1,]')).toEqual({ offset: 3, message: 'unexpected character' });
    expect(scanJson('{"a":1} x')).toEqual({ offset: 8, message: 'trailing characters after the JSON value' });
  });

  test('a very deep document does not overflow the stack', () => {
    const deep = '['.repeat(200000) + ']'.repeat(200000);
    expect(scanJson(deep)).toBeUndefined();
    expect(scanJson(deep.slice(0, -1))?.message).toBe('unexpected end of input');
  });
});

describe('duplicate keys (JSON.parse keeps the last one silently)', () => {
  test.each([
    ['{"a":1,"a":2}', 7],
    ['{"x":{"a":1,"b":{},"a":2}}', 19],
    ['[{"a":1},{"b":1,"b":1}]', 16],
    ['{"a":1,"\\u0061":2}', 7],
  ])('%s', (text, offset) => {
    expect(parses(text)).toBe(true);
    expect(findDuplicateKey(text)).toEqual({ offset, message: expect.stringMatching(/^duplicate key /) });
    expect(scanJson(text)).toBeUndefined();
  });

  test('in a large object, after nested objects closed', () => {
    const members = Array.from({ length: 100 }, (_, k) => `"k${k}":{"k${k}":{"x":1,"y":2}}`);
    const text = `{${members.join(',')}}`;
    expect(findDuplicateKey(text)).toBeUndefined();
    const again = `{${members.join(',')},"k57":0}`;
    expect(findDuplicateKey(again)).toEqual({ offset: text.length - 1 + 1, message: 'duplicate key "k57"' });
  });

  test('the same key in sibling or nested objects is not a duplicate', () => {
    expect(findDuplicateKey('{"a":{"a":1},"b":[{"a":1},{"a":2}]}')).toBeUndefined();
  });
});
