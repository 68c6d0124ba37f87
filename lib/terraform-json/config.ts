/**
 * Terraform JSON configuration (cdk.tf.json, *.tf.json) to the canonical form the policy reads:
 * `resource` and `data` as `{type: {name: body}}` objects, each body a plain object.
 *
 * Terraform reads JSON configuration through HCL's JSON syntax, which accepts more than that form:
 * - a body may be an array of objects (`"resource": [{...}, {...}]`, `"orders": [{...}]`): at a
 *   label level every element is read in turn, and at the body level every element is one block;
 * - a key may repeat in one object (`"resource"` twice): every occurrence is read, in order.
 * Both are merged here the same way. What Terraform rejects is refused, naming both places: two
 * resources (or data sources) with the same type and name, and (since without the provider schema
 * a repeated key inside a body may be a duplicate argument, which Terraform rejects) any key
 * repeated inside a resource body. Keys other than `resource` and `data` are kept; a repeated one
 * becomes an array of its values, which is the same configuration in HCL's array form.
 */
import { formatPath, JsonEntry, JsonNode, JsonPath, JsonReadError, SourceText } from './strict-json';

type Obj = Record<string, unknown>;

/** The block types the policy reads, and the word for their blocks in messages. */
const BLOCK_KINDS = { resource: 'resource', data: 'data source' } as const;

function kindName(node: JsonNode): string {
  if (node.kind === 'boolean') return 'boolean';
  return node.kind === 'null' ? 'null' : node.kind;
}

function setOwn(o: Obj, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

export interface NormalizeOptions {
  /** Positions in messages (absent for in-memory documents). */
  source?: SourceText;
}

class Normalizer {
  constructor(private readonly source?: SourceText) {}

  private where(offset: number): string {
    return this.source && offset >= 0 ? this.source.where(offset) : 'in the document';
  }

  private fail(problem: string, offset: number, path: JsonPath): never {
    throw new JsonReadError(problem, this.source && offset >= 0 ? this.source.position(offset) : undefined, path);
  }

  /** The entries of a body: an object's, or the concatenated entries of an array of objects. */
  private bodyEntries(node: JsonNode, path: JsonPath, what: string): JsonEntry[] {
    if (node.kind === 'object') return node.entries;
    if (node.kind === 'array') {
      const out: JsonEntry[] = [];
      node.items.forEach((item, i) => {
        if (item.kind !== 'object') {
          this.fail(`${formatPath([...path, i])} must be an object (${what}; found ${kindName(item)})`, item.offset, [...path, i]);
        }
        out.push(...item.entries);
      });
      return out;
    }
    return this.fail(`${formatPath(path)} must be an object or an array of objects (${what}; found ${kindName(node)})`, node.offset, path);
  }

  /** A plain value; a key repeated in one object is refused (no merge rule applies inside bodies). */
  private plain(node: JsonNode, path: JsonPath, context: string): unknown {
    switch (node.kind) {
      case 'string':
      case 'number':
      case 'boolean':
        return node.value;
      case 'null':
        return null;
      default:
        break;
    }
    // iterative: bodies may be deep
    const build = (n: JsonNode): unknown => (n.kind === 'object' ? {} : n.kind === 'array' ? [] : n.kind === 'null' ? null : n.value);
    const root = build(node);
    const work: [JsonNode, unknown, JsonPath][] = [[node, root, path]];
    while (work.length > 0) {
      const [n, out, p] = work.pop()!;
      if (n.kind === 'array') {
        n.items.forEach((item, i) => {
          const v = build(item);
          (out as unknown[]).push(v);
          if (item.kind === 'object' || item.kind === 'array') work.push([item, v, [...p, i]]);
        });
      } else if (n.kind === 'object') {
        const seen = new Map<string, number>();
        for (const e of n.entries) {
          const first = seen.get(e.key);
          if (first !== undefined) {
            this.fail(
              `key ${JSON.stringify(e.key)} appears twice in ${context} (${this.where(first)} and ${this.where(e.keyOffset)}) at ${formatPath([...p, e.key])}: Terraform rejects a repeated argument (write repeated nested blocks as an array)`,
              e.keyOffset,
              [...p, e.key],
            );
          }
          seen.set(e.key, e.keyOffset);
          const v = build(e.value);
          setOwn(out as Obj, e.key, v);
          if (e.value.kind === 'object' || e.value.kind === 'array') work.push([e.value, v, [...p, e.key]]);
        }
      }
    }
    return root;
  }

  /** `resource` / `data`: every occurrence merged into {type: {name: body}}. */
  private blocks(block: keyof typeof BLOCK_KINDS, occurrences: JsonEntry[]): Obj {
    const out: Obj = {};
    const declared = new Map<string, number>();
    const noun = BLOCK_KINDS[block];
    for (const occurrence of occurrences) {
      const typesPath: JsonPath = [block];
      for (const typeEntry of this.bodyEntries(occurrence.value, typesPath, `${block} types`)) {
        const type = typeEntry.key;
        const typePath = [block, type];
        if (type === '//') {
          // a comment property, as Terraform reads it
          if (typeEntry.value.kind !== 'string') this.fail(`${formatPath(typePath)}: a "//" comment must be a string (found ${kindName(typeEntry.value)})`, typeEntry.keyOffset, typePath);
          continue;
        }
        for (const nameEntry of this.bodyEntries(typeEntry.value, typePath, `${noun} names of type ${type}`)) {
          const name = nameEntry.key;
          const namePath = [block, type, name];
          if (name === '//') {
            if (nameEntry.value.kind !== 'string') this.fail(`${formatPath(namePath)}: a "//" comment must be a string (found ${kindName(nameEntry.value)})`, nameEntry.keyOffset, namePath);
            continue;
          }
          // the body level: an object is one block, an array holds one block per element
          const bodies: JsonNode[] = nameEntry.value.kind === 'array' ? nameEntry.value.items : [nameEntry.value];
          bodies.forEach((body, i) => {
            const bodyPath = nameEntry.value.kind === 'array' ? [...namePath, i] : namePath;
            if (body.kind !== 'object') {
              this.fail(`${formatPath(bodyPath)} must be an object (the body of ${noun} ${type}.${name}; found ${kindName(body)})`, body.offset, bodyPath);
            }
            const address = `${type}.${name}`;
            const first = declared.get(address);
            if (first !== undefined) {
              this.fail(
                `${noun} ${JSON.stringify(type)} ${JSON.stringify(name)} is declared twice (${this.where(first)} and ${this.where(body.offset)}); Terraform rejects a duplicate ${noun}`,
                body.offset,
                bodyPath,
              );
            }
            declared.set(address, body.offset);
            let byName = out[type] as Obj | undefined;
            if (!byName) setOwn(out, type, (byName = {}));
            setOwn(byName, name, this.plain(body, bodyPath, `the body of ${noun} ${type}.${name}`));
          });
        }
      }
    }
    return out;
  }

  document(root: JsonNode): Obj {
    const entries = this.bodyEntries(root, [], 'the configuration root');
    const byKey = new Map<string, JsonEntry[]>();
    for (const e of entries) {
      const list = byKey.get(e.key);
      if (list) list.push(e);
      else byKey.set(e.key, [e]);
    }
    const out: Obj = {};
    for (const [key, occurrences] of byKey) {
      if (key === 'resource' || key === 'data') {
        setOwn(out, key, this.blocks(key, occurrences));
      } else if (occurrences.length === 1) {
        setOwn(out, key, this.plainLoose(occurrences[0].value, [key]));
      } else {
        setOwn(out, key, occurrences.map((o) => this.plainLoose(o.value, [key])));
      }
    }
    return out;
  }

  /**
   * Blocks the policy does not read (terraform, provider, locals, …): a repeated key whose values
   * are all objects or arrays becomes an array of them (HCL's form for repeated blocks and labels);
   * a repeated key with a plain value is a duplicate argument, which Terraform rejects.
   */
  private plainLoose(node: JsonNode, path: JsonPath): unknown {
    if (node.kind === 'array') return node.items.map((item, i) => this.plainLoose(item, [...path, i]));
    if (node.kind !== 'object') return this.plain(node, path, '');
    const groups = new Map<string, JsonEntry[]>();
    for (const e of node.entries) {
      const list = groups.get(e.key);
      if (list) list.push(e);
      else groups.set(e.key, [e]);
    }
    const out: Obj = {};
    for (const [key, list] of groups) {
      if (list.length === 1) {
        setOwn(out, key, this.plainLoose(list[0].value, [...path, key]));
        continue;
      }
      const scalar = list.find((e) => e.value.kind !== 'object' && e.value.kind !== 'array');
      if (scalar) {
        this.fail(
          `key ${JSON.stringify(key)} appears twice (${this.where(list[0].keyOffset)} and ${this.where(list[1].keyOffset)}) at ${formatPath([...path, key])}: Terraform rejects a repeated argument`,
          list[1].keyOffset,
          [...path, key],
        );
      }
      const values: unknown[] = [];
      for (const e of list) {
        const v = this.plainLoose(e.value, [...path, key]);
        if (Array.isArray(v)) values.push(...v);
        else values.push(v);
      }
      setOwn(out, key, values);
    }
    return out;
  }
}

/**
 * The canonical form of a Terraform JSON configuration tree (see the module comment). Throws a
 * JsonReadError (one line, with the position when `source` is given) where Terraform would refuse
 * the configuration or where the document is not a configuration at all.
 */
export function normalizeTerraformConfig(root: JsonNode, options: NormalizeOptions = {}): Obj {
  return new Normalizer(options.source).document(root);
}
