/**
 * A strict JSON reader for Terraform documents. `JSON.parse` keeps the last of two equal keys and
 * turns `1e400` into Infinity (then `null` in the policy input); Terraform merges repeated block
 * keys instead. This reader sees both, knows where every value is (line and column), and never
 * recurses: nesting is bounded by `maxDepth`, so a 5,000-deep document is a clean error.
 *
 * Two forms:
 * - `parseJsonTree`: a tree that keeps repeated keys and positions (for *.tf.json configs, which
 *   the normalizer merges as Terraform does);
 * - `parseJsonStrict`: plain values, a repeated key is an error (for plans and other JSON input).
 */

export const DEFAULT_MAX_DEPTH = 1000;

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors show for BMP text). */
  column: number;
}

export type JsonPath = (string | number)[];

/** A problem at a place in the text; `problem` is one line without the file name. */
export class JsonReadError extends Error {
  constructor(
    readonly problem: string,
    readonly position?: Position,
    readonly path?: JsonPath,
  ) {
    super(position ? `line ${position.line}, column ${position.column}: ${problem}` : problem);
  }
}

export type JsonNode =
  | { kind: 'object'; offset: number; entries: JsonEntry[] }
  | { kind: 'array'; offset: number; items: JsonNode[] }
  | { kind: 'string'; offset: number; value: string }
  | { kind: 'number'; offset: number; value: number; raw: string }
  | { kind: 'boolean'; offset: number; value: boolean }
  | { kind: 'null'; offset: number };

export interface JsonEntry {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

/** A number that is an integer outside the 32-bit signed range (see numbers.ts for why it matters). */
export interface WideInteger {
  path: JsonPath;
  offset: number;
  raw: string;
}

export interface ParseOptions {
  maxDepth?: number;
}

/** Offsets to line/column, with one index of line starts built on first use. */
export class SourceText {
  private lineStarts?: number[];
  constructor(readonly text: string) {}

  position(offset: number): Position {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  /** "line 3, column 7" */
  where(offset: number): string {
    const p = this.position(offset);
    return `line ${p.line}, column ${p.column}`;
  }
}

/** `resource.aws_sqs_queue.orders.tags["a b"]` / `resource_changes[3].change.after` */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(document root)' : out;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function describeChar(text: string, at: number): string {
  if (at >= text.length) return 'end of input';
  const cp = text.codePointAt(at)!;
  if (cp === 0xfeff) return 'byte order mark U+FEFF';
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(String.fromCodePoint(cp));
}

interface Frame {
  node: Extract<JsonNode, { kind: 'object' | 'array' }>;
  /** The key being read in an object (set between the key and its value). */
  key?: { key: string; keyOffset: number };
  /** Plain form: the value being built, and the key offsets seen (for duplicate reports). */
  plain?: Record<string, unknown> | unknown[];
  seen?: Map<string, number>;
}

/**
 * The parser. `plain`: build plain values (repeated key = error) instead of the tree. Numbers that
 * do not fit a float64 finitely are errors in both forms.
 */
class Parser {
  private pos = 0;
  readonly source: SourceText;
  readonly wideIntegers: WideInteger[] = [];
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly plain: boolean,
    private readonly maxDepth: number,
  ) {
    this.source = new SourceText(text);
  }

  private fail(problem: string, offset: number = this.pos): never {
    // say so when the text simply stops: a cut-off download or a half-written file is the common cause
    const text = offset >= this.text.length && !problem.startsWith('truncated JSON') ? `truncated JSON: ${problem}` : problem;
    throw new JsonReadError(text, this.source.position(offset), this.path());
  }

  /** The path of the value being read (from the open containers). */
  path(): JsonPath {
    const out: JsonPath = [];
    for (const f of this.stack) {
      if (f.node.kind === 'array') out.push(f.node.items.length + (f.plain ? (f.plain as unknown[]).length : 0));
      else if (f.key) out.push(f.key.key);
    }
    return out;
  }

  private skipWhitespace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  private readString(): string {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let out = '';
    let chunk = p;
    for (;;) {
      if (p >= t.length) this.fail('unterminated string (the input ends inside it)', start);
      const c = t.charCodeAt(p);
      if (c === 34) {
        out += t.slice(chunk, p);
        this.pos = p + 1;
        return out;
      }
      if (c < 0x20) this.fail(`${describeChar(t, p)} inside a string (escape it)`, p);
      if (c === 92) {
        out += t.slice(chunk, p);
        const e = t.charCodeAt(p + 1);
        switch (e) {
          case 34: out += '"'; break;
          case 92: out += '\\'; break;
          case 47: out += '/'; break;
          case 98: out += '\b'; break;
          case 102: out += '\f'; break;
          case 110: out += '\n'; break;
          case 114: out += '\r'; break;
          case 116: out += '\t'; break;
          case 117: {
            const hex = t.slice(p + 2, p + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape (expected four hex digits)', p);
            out += String.fromCharCode(parseInt(hex, 16));
            p += 4;
            break;
          }
          default:
            this.fail(`invalid escape ${describeChar(t, p + 1)} in a string`, p);
        }
        p += 2;
        chunk = p;
        continue;
      }
      p++;
    }
  }

  private readNumber(): { value: number; raw: string } {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || m[0] === '-') this.fail(`unexpected ${describeChar(this.text, this.pos)}`);
    const raw = m[0];
    const value = Number(raw);
    if (!Number.isFinite(value)) {
      this.fail(`number ${raw} at ${formatPath(this.path())} is too large for a 64-bit float (Terraform and the policy could not use it)`);
    }
    if (Number.isInteger(value) && (value < INT32_MIN || value > INT32_MAX)) {
      this.wideIntegers.push({ path: this.path(), offset: this.pos, raw });
    }
    this.pos += raw.length;
    return { value, raw };
  }

  private readLiteral(): JsonNode {
    const t = this.text;
    const at = this.pos;
    for (const [word, node] of [
      ['true', { kind: 'boolean', offset: at, value: true }],
      ['false', { kind: 'boolean', offset: at, value: false }],
      ['null', { kind: 'null', offset: at }],
    ] as const) {
      if (t.startsWith(word, at)) {
        this.pos += word.length;
        return node as JsonNode;
      }
    }
    return this.fail(`unexpected ${describeChar(t, at)}`);
  }

  private open(node: Frame['node']): void {
    if (this.stack.length >= this.maxDepth) {
      this.fail(`nesting deeper than ${this.maxDepth} levels (sqsguard refuses it rather than risk running out of stack)`);
    }
    const frame: Frame = { node };
    if (this.plain) {
      frame.plain = node.kind === 'array' ? [] : {};
      if (node.kind === 'object') frame.seen = new Map();
    }
    this.stack.push(frame);
  }

  /** Adds a finished value to the innermost container (or returns it as the root). */
  private add(value: JsonNode, plainValue: unknown): { root?: JsonNode; rootPlain?: unknown } {
    const top = this.stack[this.stack.length - 1];
    if (!top) return { root: value, rootPlain: plainValue };
    if (top.node.kind === 'array') {
      if (this.plain) (top.plain as unknown[]).push(plainValue);
      else top.node.items.push(value);
    } else {
      const k = top.key!;
      if (this.plain) {
        const first = top.seen!.get(k.key);
        if (first !== undefined) {
          const path = this.path();
          throw new JsonReadError(
            `key ${JSON.stringify(k.key)} appears twice in one object (${this.source.where(first)} and ${this.source.where(k.keyOffset)}) at ${formatPath(path)}; JSON readers disagree on which one counts`,
            this.source.position(k.keyOffset),
            path,
          );
        }
        top.seen!.set(k.key, k.keyOffset);
        // own property even for "__proto__" (as JSON.parse does), never the prototype setter
        if (k.key === '__proto__') Object.defineProperty(top.plain, k.key, { value: plainValue, enumerable: true, writable: true, configurable: true });
        else (top.plain as Record<string, unknown>)[k.key] = plainValue;
      } else {
        top.node.entries.push({ key: k.key, keyOffset: k.keyOffset, value });
      }
      top.key = undefined;
    }
    return {};
  }

  parse(): { tree?: JsonNode; plain?: unknown } {
    const t = this.text;
    this.skipWhitespace();
    if (this.pos >= t.length) this.fail('empty input (no JSON value)');
    // expect: 'value' (a value may start here), then after each value: ',' or a closer
    for (;;) {
      this.skipWhitespace();
      const top = this.stack[this.stack.length - 1];
      // In an object waiting for a key: read `"key" :`.
      if (top && top.node.kind === 'object' && top.key === undefined) {
        const c = t.charCodeAt(this.pos);
        if (c === 125 /* } */ && this.isEmptyContainer(top)) {
          this.pos++;
          const done = this.close() ?? this.afterValue();
          if (done) return done;
          continue;
        }
        if (c !== 34) this.fail(`expected a "quoted" key, found ${describeChar(t, this.pos)}`);
        const keyOffset = this.pos;
        const key = this.readString();
        this.skipWhitespace();
        if (t.charCodeAt(this.pos) !== 58) this.fail(`expected ':' after key ${JSON.stringify(key)}, found ${describeChar(t, this.pos)}`);
        this.pos++;
        this.skipWhitespace();
        top.key = { key, keyOffset };
      } else if (top && top.node.kind === 'array' && t.charCodeAt(this.pos) === 93 /* ] */ && this.isEmptyContainer(top)) {
        this.pos++;
        const done = this.close() ?? this.afterValue();
        if (done) return done;
        continue;
      }
      // A value.
      const at = this.pos;
      const c = t.charCodeAt(at);
      let result: { root?: JsonNode; rootPlain?: unknown };
      if (c === 123) {
        this.open({ kind: 'object', offset: at, entries: [] });
        this.pos++;
        continue;
      } else if (c === 91) {
        this.open({ kind: 'array', offset: at, items: [] });
        this.pos++;
        continue;
      } else if (c === 34) {
        const value = this.readString();
        result = this.add({ kind: 'string', offset: at, value }, value);
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        const n = this.readNumber();
        result = this.add({ kind: 'number', offset: at, value: n.value, raw: n.raw }, n.value);
      } else if (at >= t.length) {
        return this.fail('truncated JSON: the input ends where a value should be');
      } else {
        const node = this.readLiteral();
        result = this.add(node, node.kind === 'null' ? null : (node as { value: boolean }).value);
      }
      if (result.root !== undefined || this.stack.length === 0) return this.finish(result.root!, result.rootPlain);
      const done = this.afterValue();
      if (done) return done;
    }
  }

  private isEmptyContainer(f: Frame): boolean {
    if (f.plain) return Array.isArray(f.plain) ? f.plain.length === 0 : f.seen!.size === 0;
    return f.node.kind === 'array' ? f.node.items.length === 0 : f.node.entries.length === 0;
  }

  /** After a value inside a container: ',' continues, the closer ends it (maybe several). */
  private afterValue(): { tree?: JsonNode; plain?: unknown } | undefined {
    const t = this.text;
    for (;;) {
      this.skipWhitespace();
      const top = this.stack[this.stack.length - 1];
      const c = t.charCodeAt(this.pos);
      const closer = top.node.kind === 'object' ? 125 : 93;
      if (c === 44) {
        this.pos++;
        this.skipWhitespace();
        const next = t.charCodeAt(this.pos);
        if (next === 125 || next === 93) this.fail('trailing comma before the closing bracket');
        return undefined;
      }
      if (c === closer) {
        this.pos++;
        const done = this.close();
        if (done) return done;
        continue;
      }
      if (this.pos >= t.length) this.fail(`truncated JSON: the input ends inside ${top.node.kind === 'object' ? 'an object' : 'an array'} opened at ${this.source.where(top.node.offset)}`);
      this.fail(`expected ',' or '${top.node.kind === 'object' ? '}' : ']'}', found ${describeChar(t, this.pos)}`);
    }
  }

  /** Pops the innermost container into its parent; returns the result when it was the root. */
  private close(): { tree?: JsonNode; plain?: unknown } | undefined {
    const frame = this.stack.pop()!;
    const result = this.add(frame.node, frame.plain);
    if (this.stack.length === 0) return this.finish(result.root!, result.rootPlain);
    return undefined;
  }

  private finish(root: JsonNode, rootPlain: unknown): { tree?: JsonNode; plain?: unknown } {
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`unexpected ${describeChar(this.text, this.pos)} after the end of the JSON value`);
    return this.plain ? { plain: rootPlain } : { tree: root };
  }
}

export interface TreeResult {
  tree: JsonNode;
  source: SourceText;
  wideIntegers: WideInteger[];
}

export interface PlainResult {
  value: unknown;
  source: SourceText;
  wideIntegers: WideInteger[];
}

/** Parses `text` into a tree that keeps repeated keys (for Terraform JSON configuration). */
export function parseJsonTree(text: string, options: ParseOptions = {}): TreeResult {
  const parser = new Parser(text, false, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const { tree } = parser.parse();
  return { tree: tree!, source: parser.source, wideIntegers: parser.wideIntegers };
}

/** Parses `text` into plain values; a key repeated in one object is an error. */
export function parseJsonStrict(text: string, options: ParseOptions = {}): PlainResult {
  const parser = new Parser(text, true, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const { plain } = parser.parse();
  return { value: plain, source: parser.source, wideIntegers: parser.wideIntegers };
}

/** A plain value as a tree (offsets -1: no text), so in-memory documents normalize the same way. */
export function treeFromValue(value: unknown, maxDepth: number = DEFAULT_MAX_DEPTH): JsonNode {
  // iterative, like the parser: the value may come from anywhere
  const toNode = (v: unknown): JsonNode => {
    if (v === null) return { kind: 'null', offset: -1 };
    if (typeof v === 'string') return { kind: 'string', offset: -1, value: v };
    if (typeof v === 'boolean') return { kind: 'boolean', offset: -1, value: v };
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new JsonReadError(`number ${v} is not a finite number`);
      return { kind: 'number', offset: -1, value: v, raw: String(v) };
    }
    if (Array.isArray(v)) return { kind: 'array', offset: -1, items: [] };
    if (typeof v === 'object') return { kind: 'object', offset: -1, entries: [] };
    throw new JsonReadError(`a ${typeof v} is not a JSON value`);
  };
  const root = toNode(value);
  const work: [unknown, JsonNode, number][] = [[value, root, 0]];
  while (work.length > 0) {
    const [v, node, depth] = work.pop()!;
    if (node.kind !== 'array' && node.kind !== 'object') continue;
    if (depth >= maxDepth) throw new JsonReadError(`nesting deeper than ${maxDepth} levels`);
    if (node.kind === 'array') {
      for (const item of v as unknown[]) {
        const child = toNode(item);
        node.items.push(child);
        work.push([item, child, depth + 1]);
      }
    } else {
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
        if (item === undefined) continue; // as JSON.stringify does
        const child = toNode(item);
        node.entries.push({ key, keyOffset: -1, value: child });
        work.push([item, child, depth + 1]);
      }
    }
  }
  return root;
}
