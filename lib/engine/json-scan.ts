/**
 * A strict validating scan of JSON text (RFC 8259), without building values: for reading inputs
 * fail-closed at `JSON.parse` speed. `JSON.parse` already rejects what RFC 8259 rejects, but keeps
 * the last of duplicate object keys silently; a policy reading the first (or any other engine
 * reading the text) would see a different document. So: `JSON.parse(text)` for the value, plus
 * `findDuplicateKey(text)` where a duplicate must fail the read; `scanJson` alone validates bytes
 * that are handed on unparsed (OPA's Wasm JSON parser accepts `[1,]` and trailing garbage, and an
 * input it cannot parse evaluates to undefined — no findings — in the SDK's fast path).
 */

export interface ScanError {
  /** UTF-16 offset of the offending character. */
  offset: number;
  message: string;
}

export interface ScanOptions {
  /** Report an object's repeated key (compared after unescaping) as an error. */
  duplicateKeys?: boolean;
}

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  E = 69,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  e = 101,
  LBrace = 123,
  RBrace = 125,
}

class Fail extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/**
 * Validates `text` as exactly one JSON value (surrounding whitespace allowed); undefined when valid,
 * else the first error. With `duplicateKeys`, a key repeated in one object is an error too.
 */
export function scanJson(text: string, options: ScanOptions = {}): ScanError | undefined {
  const dup = options.duplicateKeys === true;
  const n = text.length;
  let i = 0;

  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab) i++;
      else break;
    }
  };
  const fail = (message: string): never => {
    throw new Fail(i, message);
  };

  // returns the key's text when wanted (raw slice; unescaped only if it has escapes)
  const string = (want: boolean): string | undefined => {
    const start = ++i; // after the opening quote
    let escaped = false;
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === C.Quote) break;
      if (c < 0x20) fail('control character in string');
      if (c === C.Backslash) {
        escaped = true;
        const e = text.charCodeAt(i + 1);
        if (e === 117 /* u */) {
          for (let k = 2; k < 6; k++) {
            const h = text.charCodeAt(i + k);
            if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) {
              i += k;
              fail('bad \\u escape');
            }
          }
          i += 6;
          continue;
        }
        if (e === C.Quote || e === C.Backslash || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
          i += 2;
          continue;
        }
        i++;
        fail('bad escape');
      }
      i++;
    }
    const raw = want ? text.slice(start, i) : undefined;
    i++; // closing quote
    if (raw !== undefined && escaped) return JSON.parse(`"${raw}"`) as string;
    return raw;
  };

  const digits = (): number => {
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c >= C.Zero && c <= C.Nine) i++;
      else break;
    }
    return i - start;
  };

  const number = (): void => {
    if (text.charCodeAt(i) === C.Minus) i++;
    const c = text.charCodeAt(i);
    if (c === C.Zero) {
      i++;
      const d = text.charCodeAt(i);
      if (d >= C.Zero && d <= C.Nine) fail('leading zero');
    } else if (c >= 49 && c <= C.Nine) {
      digits();
    } else {
      fail('bad number');
    }
    if (text.charCodeAt(i) === C.Dot) {
      i++;
      if (digits() === 0) fail('bad fraction');
    }
    const e = text.charCodeAt(i);
    if (e === C.e || e === C.E) {
      i++;
      const s = text.charCodeAt(i);
      if (s === C.Plus || s === C.Minus) i++;
      if (digits() === 0) fail('bad exponent');
    }
  };

  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('unexpected character');
  };

  // iterative over containers: a deep document must not overflow the stack. An object's entry is
  // where its keys start in `keys` (the keys of all open objects, innermost last), an array's is -1.
  // Keys are compared linearly (objects are mostly small); a large object gets a Set.
  const ARRAY = -1;
  const stack: number[] = [];
  const keys: string[] = [];
  const sets = new Map<number, Set<string>>();
  const value = (): void => {
    for (;;) {
      ws();
      if (i >= n) fail('unexpected end of input');
      const c = text.charCodeAt(i);
      if (c === C.LBrace) {
        i++;
        ws();
        if (text.charCodeAt(i) === C.RBrace) {
          i++;
        } else {
          stack.push(keys.length);
          key();
          continue;
        }
      } else if (c === C.LBracket) {
        i++;
        ws();
        if (text.charCodeAt(i) === C.RBracket) {
          i++;
        } else {
          stack.push(ARRAY);
          continue;
        }
      } else if (c === C.Quote) {
        string(false);
      } else if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) {
        number();
      } else if (c === 116) {
        literal('true');
      } else if (c === 102) {
        literal('false');
      } else if (c === 110) {
        literal('null');
      } else {
        fail('unexpected character');
      }
      // after a value: close containers or move to the next element
      for (;;) {
        if (stack.length === 0) return;
        ws();
        const top = stack[stack.length - 1];
        const d = text.charCodeAt(i);
        if (d === C.Comma) {
          i++;
          if (top !== ARRAY) key();
          break;
        }
        if (top === ARRAY ? d === C.RBracket : d === C.RBrace) {
          i++;
          stack.pop();
          if (top !== ARRAY && dup) {
            keys.length = top;
            sets.delete(top);
          }
          continue;
        }
        fail(i >= n ? 'unexpected end of input' : top === ARRAY ? "expected ',' or ']'" : "expected ',' or '}'");
      }
    }
  };

  // an object member's key and colon (the value follows)
  const key = (): void => {
    ws();
    if (text.charCodeAt(i) !== C.Quote) fail('expected a string key');
    const at = i;
    const k = string(dup);
    if (k !== undefined) {
      const start = stack[stack.length - 1];
      let seen = false;
      const set = sets.get(start);
      if (set) {
        seen = set.has(k);
        set.add(k);
      } else {
        for (let j = start; j < keys.length; j++) {
          if (keys[j] === k) {
            seen = true;
            break;
          }
        }
        if (keys.length - start >= 32) sets.set(start, new Set([...keys.slice(start), k]));
      }
      if (seen) throw new Fail(at, `duplicate key ${JSON.stringify(k)}`);
      keys.push(k);
    }
    ws();
    if (text.charCodeAt(i) !== C.Colon) fail("expected ':'");
    i++;
  };

  try {
    value();
    ws();
    if (i < n) fail('trailing characters after the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof Fail) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/** The first repeated key of an object in valid JSON text, or undefined (use after JSON.parse). */
export function findDuplicateKey(text: string): ScanError | undefined {
  const r = scanJson(text, { duplicateKeys: true });
  return r && r.message.startsWith('duplicate key') ? r : undefined;
}
