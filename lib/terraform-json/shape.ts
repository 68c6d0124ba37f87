/**
 * Shape checks for the parts of a document the policy relies on (policies/sqsguard/lib/model).
 * The policy skips what it cannot iterate: `resource_changes: {}` or a resource body that is a
 * string reads as "no resources", which would pass. So each wrong shape is a problem, one line
 * each, naming the path and what was found ("resource_changes must be an array (found object)").
 */
import { formatPath, JsonPath } from './strict-json';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function found(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/** Plan JSON format majors sqsguard reads (`terraform show -json` writes "1.x" since 0.12). */
export const SUPPORTED_PLAN_FORMAT_MAJORS: readonly number[] = [1];

/** Stops after this many problems: one wrong shape tends to repeat. */
const MAX_PROBLEMS = 20;

class Problems {
  readonly list: string[] = [];
  add(path: JsonPath, problem: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push(`${formatPath(path)} ${problem}`);
  }
  object(v: unknown, path: JsonPath, orNull = false): v is Obj {
    if (isObj(v)) return true;
    if (!(orNull && v === null)) this.add(path, `must be an object${orNull ? ' or null' : ''} (found ${found(v)})`);
    return false;
  }
  array(v: unknown, path: JsonPath): v is unknown[] {
    if (Array.isArray(v)) return true;
    this.add(path, `must be an array (found ${found(v)})`);
    return false;
  }
  string(v: unknown, path: JsonPath): boolean {
    if (typeof v === 'string') return true;
    this.add(path, `must be a string (found ${found(v)})`);
    return false;
  }
}

function checkPlannedModule(m: unknown, path: JsonPath, p: Problems): number {
  if (!p.object(m, path)) return 0;
  let count = 0;
  if (has(m, 'resources') && p.array(m.resources, [...path, 'resources'])) {
    m.resources.forEach((r, i) => {
      if (p.object(r, [...path, 'resources', i])) count++;
    });
  }
  if (has(m, 'child_modules') && p.array(m.child_modules, [...path, 'child_modules'])) {
    m.child_modules.forEach((c, i) => (count += checkPlannedModule(c, [...path, 'child_modules', i], p)));
  }
  return count;
}

function checkConfigModule(m: unknown, path: JsonPath, p: Problems, depth: number): void {
  if (!p.object(m, path)) return;
  if (has(m, 'resources') && p.array(m.resources, [...path, 'resources'])) {
    m.resources.forEach((r, i) => {
      const rp = [...path, 'resources', i];
      if (!p.object(r, rp)) return;
      p.string(r.address, [...rp, 'address']);
      if (has(r, 'expressions')) p.object(r.expressions, [...rp, 'expressions']);
    });
  }
  if (has(m, 'module_calls') && p.object(m.module_calls, [...path, 'module_calls'])) {
    for (const [name, call] of Object.entries(m.module_calls)) {
      const cp = [...path, 'module_calls', name];
      if (!p.object(call, cp)) continue;
      if (has(call, 'module') && depth < 64) checkConfigModule(call.module, [...cp, 'module'], p, depth + 1);
    }
  }
}

/**
 * Problems with a `terraform show -json` plan's shape: format_version, resource_changes,
 * planned_values, configuration, prior_state and variables. Empty when the policy can read it.
 */
export function validatePlanShape(doc: unknown): string[] {
  const p = new Problems();
  if (!isObj(doc)) {
    p.add([], `must be an object (found ${found(doc)})`);
    return p.list;
  }
  if (!has(doc, 'format_version')) p.add(['format_version'], 'is missing (not `terraform show -json` output?)');
  else if (p.string(doc.format_version, ['format_version'])) {
    const m = /^(\d+)\.\d+(?:\.\d+)?$/.exec(doc.format_version as string);
    if (!m) p.add(['format_version'], `must look like "1.2" (found ${JSON.stringify(doc.format_version)})`);
    else if (!SUPPORTED_PLAN_FORMAT_MAJORS.includes(Number(m[1]))) {
      p.add(['format_version'], `${JSON.stringify(doc.format_version)} is not supported (sqsguard reads format ${SUPPORTED_PLAN_FORMAT_MAJORS.map((x) => `${x}.x`).join(', ')})`);
    }
  }

  let planned = 0;
  if (has(doc, 'planned_values') && p.object(doc.planned_values, ['planned_values'])) {
    const pv = doc.planned_values;
    if (has(pv, 'root_module')) planned = checkPlannedModule(pv.root_module, ['planned_values', 'root_module'], p);
  }

  if (!has(doc, 'resource_changes')) {
    if (planned > 0) p.add(['resource_changes'], `is missing while planned_values lists ${planned} resource${planned === 1 ? '' : 's'} (a truncated or hand-edited plan?)`);
    else if (!has(doc, 'planned_values')) p.add(['resource_changes'], 'is missing, and so is planned_values: not a plan');
  } else if (p.array(doc.resource_changes, ['resource_changes'])) {
    doc.resource_changes.forEach((rc, i) => {
      const path: JsonPath = ['resource_changes', i];
      if (!p.object(rc, path)) return;
      for (const k of ['address', 'type', 'name']) p.string(rc[k], [...path, k]);
      if (has(rc, 'mode') && rc.mode !== 'managed' && rc.mode !== 'data') p.add([...path, 'mode'], `must be "managed" or "data" (found ${JSON.stringify(rc.mode)})`);
      if (has(rc, 'module_address')) p.string(rc.module_address, [...path, 'module_address']);
      if (!p.object(rc.change, [...path, 'change'])) return;
      const c = rc.change;
      if (p.array(c.actions, [...path, 'change', 'actions'])) {
        c.actions.forEach((a, j) => p.string(a, [...path, 'change', 'actions', j]));
      }
      if (!has(c, 'after')) p.add([...path, 'change', 'after'], 'is missing');
      else p.object(c.after, [...path, 'change', 'after'], true);
      if (has(c, 'after_unknown')) p.object(c.after_unknown, [...path, 'change', 'after_unknown']);
    });
  }

  if (has(doc, 'configuration') && p.object(doc.configuration, ['configuration'])) {
    const cfg = doc.configuration;
    if (has(cfg, 'root_module')) checkConfigModule(cfg.root_module, ['configuration', 'root_module'], p, 0);
  }

  if (has(doc, 'prior_state') && p.object(doc.prior_state, ['prior_state'], true) && isObj(doc.prior_state)) {
    const ps = doc.prior_state;
    if (has(ps, 'values') && p.object(ps.values, ['prior_state', 'values']) && has(ps.values, 'root_module')) {
      checkPlannedModule(ps.values.root_module, ['prior_state', 'values', 'root_module'], p);
    }
  }

  if (has(doc, 'variables') && p.object(doc.variables, ['variables'])) {
    for (const [name, v] of Object.entries(doc.variables)) {
      if (p.object(v, ['variables', name]) && !has(v, 'value')) p.add(['variables', name, 'value'], 'is missing');
    }
  }
  return p.list;
}

/** Terraform's identifier syntax, which resource types and names follow (and the policy's regexes assume). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Problems with a configuration's `resource` / `data` in the canonical form (normalizeTerraformConfig
 * output): each an object of types, each type an object of names, each body an object.
 */
export function validateConfigShape(doc: unknown): string[] {
  const p = new Problems();
  if (!isObj(doc)) {
    p.add([], `must be an object (found ${found(doc)})`);
    return p.list;
  }
  for (const block of ['resource', 'data']) {
    if (!has(doc, block) || !p.object(doc[block], [block])) continue;
    for (const [type, byName] of Object.entries(doc[block] as Obj)) {
      if (!IDENTIFIER.test(type)) {
        p.add([block, type], 'is not a valid resource type name (letters, digits, "_" and "-", not starting with a digit)');
        continue;
      }
      if (!p.object(byName, [block, type])) continue;
      for (const [name, body] of Object.entries(byName)) {
        if (!IDENTIFIER.test(name)) {
          p.add([block, type, name], 'is not a valid name (letters, digits, "_" and "-", not starting with a digit)');
          continue;
        }
        p.object(body, [block, type, name]);
      }
    }
  }
  return p.list;
}
