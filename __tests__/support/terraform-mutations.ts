/**
 * Mutations of Terraform JSON documents for the property suites (__tests__/terraform-json,
 * __tests__/fuzz). Every generator takes an `Rng` (a function returning [0, 1)): the suites make
 * one from fast-check's `fc.gen()` (`fcRng`), so a failure shrinks and replays from its seed.
 * - equivalent forms: whitespace, key order, string escapes, and for configurations HCL's
 *   array-of-bodies forms and repeated mergeable keys (`hclForms`): Terraform reads them the same;
 * - breakers: mutations that break the shape the policy relies on (`planBreakers`, `configBreakers`).
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { JsonEntry, JsonNode, treeFromValue } from '../../lib/terraform-json';

/** [0, 1) from fast-check's generator: shrinkable choices for the Rng-driven generators below. */
export function fcRng(g: fc.GeneratorValue): Rng {
  return () => g(fc.integer, { min: 0, max: 0x7fffffff }) / 0x80000000;
}

export const FIXTURES_ROOT = path.join(__dirname, '../../fixtures');

/** [file name, parsed document] of every fixture in fixtures/<dir>, sorted. */
export function fixtures(dir: 'plan' | 'synth'): [string, Record<string, any>][] {
  return fs
    .readdirSync(path.join(FIXTURES_ROOT, dir))
    .sort()
    .map((f) => [f, JSON.parse(fs.readFileSync(path.join(FIXTURES_ROOT, dir, f), 'utf8'))]);
}

export type Rng = () => number;
export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const chance = (r: Rng, p: number): boolean => r() < p;
export function shuffle<T>(r: Rng, xs: T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// --- a serializer for trees (which may hold repeated keys), with random layout --------------

const WS = ['', ' ', '\n', '\t', '  ', '\r\n', ' \n  '];

function encodeString(r: Rng, s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\' || code < 0x20) out += JSON.stringify(ch).slice(1, -1);
    else if (ch === '/' && chance(r, 0.5)) out += '\\/';
    else if (code < 0x10000 && chance(r, 0.05)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function serialize(r: Rng, node: JsonNode): string {
  const ws = (): string => (chance(r, 0.3) ? pick(r, WS) : '');
  switch (node.kind) {
    case 'string':
      return encodeString(r, node.value);
    case 'number':
      return node.raw;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return `[${ws()}${node.items.map((i) => `${ws()}${serialize(r, i)}${ws()}`).join(',')}${ws()}]`;
    case 'object':
      return `{${ws()}${node.entries.map((e) => `${ws()}${encodeString(r, e.key)}${ws()}:${ws()}${serialize(r, e.value)}${ws()}`).join(',')}${ws()}}`;
  }
}

export const obj = (entries: JsonEntry[]): JsonNode => ({ kind: 'object', offset: -1, entries });
export const arr = (items: JsonNode[]): JsonNode => ({ kind: 'array', offset: -1, items });
export const entry = (key: string, value: JsonNode): JsonEntry => ({ key, keyOffset: -1, value });

/** Every object in the tree gets its keys in a random order (JSON objects are unordered). */
export function reorderKeys(r: Rng, node: JsonNode): JsonNode {
  if (node.kind === 'array') return arr(node.items.map((i) => reorderKeys(r, i)));
  if (node.kind === 'object') return obj(shuffle(r, node.entries).map((e) => entry(e.key, reorderKeys(r, e.value))));
  return node;
}

/** Splits entries into 1..n non-empty groups (random), keeping each group's order. */
function split(r: Rng, entries: JsonEntry[]): JsonEntry[][] {
  if (entries.length <= 1 || chance(r, 0.3)) return [entries];
  const groups: JsonEntry[][] = [];
  let current: JsonEntry[] = [];
  for (const e of entries) {
    if (current.length > 0 && chance(r, 0.5)) {
      groups.push(current);
      current = [];
    }
    current.push(e);
  }
  groups.push(current);
  return groups;
}

/** A label level in one of HCL's equivalent forms: an object, an array of objects, or repeated keys (by the caller). */
function labelLevel(r: Rng, entries: JsonEntry[], inner: (e: JsonEntry) => JsonEntry): JsonNode {
  const mapped = entries.map(inner);
  const groups = split(r, mapped);
  if (groups.length === 1 && chance(r, 0.5)) return obj(groups[0]);
  return arr(groups.map(obj));
}

/** The configuration in Terraform-equivalent forms (see the module comment). */
export function hclForms(r: Rng, doc: Record<string, unknown>): JsonNode {
  const root = treeFromValue(doc);
  if (root.kind !== 'object') throw new Error('config fixture is not an object');
  const out: JsonEntry[] = [];
  for (const e of root.entries) {
    if ((e.key !== 'resource' && e.key !== 'data') || e.value.kind !== 'object') {
      out.push(e);
      continue;
    }
    const body = (n: JsonEntry): JsonEntry => (chance(r, 0.3) ? entry(n.key, arr([n.value])) : n);
    const types = (t: JsonEntry): JsonEntry => (t.value.kind === 'object' ? entry(t.key, labelLevel(r, t.value.entries, body)) : t);
    // the block key itself may repeat: one "resource" per group of types
    const groups = split(r, e.value.entries);
    for (const g of groups) out.push(entry(e.key, labelLevel(r, g, types)));
  }
  return obj(chance(r, 0.5) ? out : shuffle(r, out));
}

// --- shape-breaking mutations ------------------------------------------------------------------

/** A number no fixture holds, replaced in the text by one beyond float64 (keys may be \u-escaped; numbers never are). */
export const SENTINEL = 123456.789012;
export function withHugeNumber(text: string, huge: string): string {
  const out = text.replace(String(SENTINEL), huge);
  if (out === text) throw new Error('sentinel number not found');
  return out;
}

export type Mutation = { name: string; apply: (r: Rng, doc: Record<string, any>) => string };

export const planBreakers: Mutation[] = [
  { name: 'resource_changes {}', apply: (r, d) => serialize(r, treeFromValue({ ...d, resource_changes: {} })) },
  { name: 'resource_changes null', apply: (r, d) => serialize(r, treeFromValue({ ...d, resource_changes: null })) },
  { name: 'resource_changes missing', apply: (r, d) => serialize(r, treeFromValue({ ...d, resource_changes: undefined })) },
  {
    name: 'a change that is not an object',
    apply: (r, d) => {
      const rcs = [...d.resource_changes];
      const i = Math.floor(r() * rcs.length);
      rcs[i] = { ...rcs[i], change: pick(r, [[], 'x', 1, null]) };
      return serialize(r, treeFromValue({ ...d, resource_changes: rcs }));
    },
  },
  { name: 'format_version 2.0', apply: (r, d) => serialize(r, treeFromValue({ ...d, format_version: '2.0' })) },
  { name: 'planned_values an array', apply: (r, d) => serialize(r, treeFromValue({ ...d, planned_values: [] })) },
  {
    name: 'a repeated key',
    apply: (r, d) => {
      const tree = treeFromValue(d);
      if (tree.kind !== 'object') throw new Error('not an object');
      const e = pick(r, tree.entries);
      return serialize(r, obj([...tree.entries, entry(e.key, e.value)]));
    },
  },
  {
    name: 'a number beyond float64',
    apply: (r, d) => {
      const rcs = [...d.resource_changes];
      const i = Math.floor(r() * rcs.length);
      rcs[i] = { ...rcs[i], change: { ...rcs[i].change, after: { ...(rcs[i].change.after ?? {}), overflow: SENTINEL } } };
      return withHugeNumber(serialize(r, treeFromValue({ ...d, resource_changes: rcs })), '1e999');
    },
  },
];

export const configBreakers: Mutation[] = [
  { name: 'resource a string', apply: (r, d) => serialize(r, treeFromValue({ ...d, resource: 'x' })) },
  {
    name: 'a body that is not an object',
    apply: (r, d) => {
      const type = pick(r, Object.keys(d.resource));
      const name = pick(r, Object.keys(d.resource[type]));
      return serialize(r, treeFromValue({ ...d, resource: { ...d.resource, [type]: { ...d.resource[type], [name]: pick(r, ['x', 1, null, true]) } } }));
    },
  },
  {
    name: 'the same resource twice',
    apply: (r, d) => {
      const type = pick(r, Object.keys(d.resource));
      const name = pick(r, Object.keys(d.resource[type]));
      const tree = hclForms(r, d);
      if (tree.kind !== 'object') throw new Error('not an object');
      return serialize(r, obj([...tree.entries, entry('resource', treeFromValue({ [type]: { [name]: {} } }))]));
    },
  },
  {
    name: 'a key repeated in a body',
    apply: (r, d) => {
      const type = pick(r, Object.keys(d.resource));
      const name = pick(r, Object.keys(d.resource[type]));
      const body = treeFromValue(d.resource[type][name]);
      if (body.kind !== 'object' || body.entries.length === 0) return serialize(r, treeFromValue({ ...d, resource: 'x' }));
      const e = pick(r, body.entries);
      const bodies = treeFromValue({ ...d, resource: { ...d.resource, [type]: { ...d.resource[type], [name]: '@@BODY@@' } } });
      return serialize(r, bodies).replace('"@@BODY@@"', serialize(r, obj([...body.entries, entry(e.key, e.value)])));
    },
  },
  {
    name: 'a number beyond float64',
    apply: (r, d) => {
      const type = pick(r, Object.keys(d.resource));
      const name = pick(r, Object.keys(d.resource[type]));
      const doc = { ...d, resource: { ...d.resource, [type]: { ...d.resource[type], [name]: { ...d.resource[type][name], overflow: SENTINEL } } } };
      return withHugeNumber(serialize(r, treeFromValue(doc)), '-1e400');
    },
  },
];

