/**
 * Terraform source as input: a root module directory read into a plan-shaped document (a third
 * input kind), and the source behind a plan (`--source-dir`), which fills in what a plan cannot
 * hold and says where each finding was written.
 */
import { InputError, LoadOptions, LoadedInput } from '../engine/input';
import { sourceLocator, LOCATED_PATHS } from './locate';
import { HclReading, readTerraformDirectory } from './reader';

export { readTerraformDirectory } from './reader';
export { RULE_ATTRIBUTES, LOCATED_PATHS } from './locate';

/** A Terraform root module directory as an input of kind `hcl`. */
export function loadTerraformDirectory(dir: string, options: LoadOptions = {}): LoadedInput {
  const reading = readTerraformDirectory(dir, { varFiles: options.varFiles, paths: LOCATED_PATHS });
  return { path: dir, kind: 'hcl', document: reading.plan, constructPaths: new Map(), sources: sourceLocator(reading.locations) };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A plan with its source: the plan stays the source of truth for values; the HCL fills in what a
 * plan cannot hold and says where each finding was written. A value the plan has as unknown (known
 * only after apply) is taken from the HCL when the HCL knows more of it, instance by instance: a
 * jsonencode() whose constants are known beside an ARN that is not (written as a template with
 * "${...}" tokens, as synthesized Terraform JSON writes it), and a computed attribute configured
 * null. The HCL is evaluated with the plan's own variable values.
 */
export function withSource(input: LoadedInput, dir: string, options: LoadOptions = {}): LoadedInput {
  if (input.kind !== 'plan') throw new InputError(input.path, '--source-dir applies to `terraform show -json` plans only');
  const variables = isObj(input.document.variables) ? input.document.variables : {};
  const values: Obj = {};
  for (const [name, v] of Object.entries(variables)) if (isObj(v) && 'value' in v) values[name] = v.value;
  const reading = readTerraformDirectory(dir, { varFiles: options.varFiles, paths: LOCATED_PATHS, variables: values });
  return { ...input, document: fillFromSource(input.document, reading), sources: sourceLocator(reading.locations) };
}

/** The plan with the unknown values the HCL knows more of filled in (see withSource). */
export function fillFromSource(plan: Obj, reading: HclReading): Obj {
  if (!Array.isArray(plan.resource_changes) || !Array.isArray(reading.plan.resource_changes)) return plan;
  const fromSource = new Map<string, Obj>();
  for (const rc of reading.plan.resource_changes) if (isObj(rc) && typeof rc.address === 'string' && isObj(rc.change)) fromSource.set(rc.address, rc.change);
  const changes = plan.resource_changes.map((rc: unknown) => {
    if (!isObj(rc) || typeof rc.address !== 'string' || !isObj(rc.change)) return rc;
    const src = fromSource.get(rc.address);
    const { after, after_unknown: unknown } = rc.change;
    if (!src || !isObj(src.after) || !isObj(after) || !isObj(unknown)) return rc;
    const filled = fillUnknown(after, unknown, src.after, isObj(src.after_unknown) ? src.after_unknown : {});
    return filled ? { ...rc, change: { ...rc.change, after: filled.after, after_unknown: filled.unknown } } : rc;
  });
  return { ...plan, resource_changes: changes };
}

/**
 * Where `unknown` has a true leaf and the source knows a template or null there, that value goes
 * into `after` and the leaf leaves `unknown`, at any depth (a policy inside an inline_policy block).
 * Undefined when nothing was filled.
 */
function fillUnknown(after: unknown, unknown: unknown, srcAfter: unknown, srcUnknown: unknown): { after: unknown; unknown: unknown } | undefined {
  const fillable = (v: unknown): boolean => v === null || (typeof v === 'string' && v.includes('${'));
  if (Array.isArray(unknown) && Array.isArray(srcAfter)) {
    const a = Array.isArray(after) ? [...after] : [];
    const u = [...unknown];
    let changed = false;
    u.forEach((x, i) => {
      const su = Array.isArray(srcUnknown) ? srcUnknown[i] : undefined;
      if (x === true && su !== true && i < srcAfter.length && fillable(srcAfter[i])) {
        a[i] = srcAfter[i];
        u[i] = false;
        changed = true;
      } else if (x !== null && typeof x === 'object') {
        const inner = fillUnknown(a[i], x, srcAfter[i], su);
        if (inner) [a[i], u[i], changed] = [inner.after, inner.unknown, true];
      }
    });
    return changed ? { after: a, unknown: u } : undefined;
  }
  if (!isObj(unknown) || !isObj(srcAfter)) return undefined;
  const a: Obj = isObj(after) ? { ...after } : {};
  const u: Obj = { ...unknown };
  const srcU = isObj(srcUnknown) ? srcUnknown : {};
  let changed = false;
  for (const [k, x] of Object.entries(unknown)) {
    if (x === true && srcU[k] === undefined && k in srcAfter && fillable(srcAfter[k])) {
      a[k] = srcAfter[k];
      delete u[k];
      changed = true;
    } else if (x !== null && typeof x === 'object') {
      const inner = fillUnknown(a[k], x, srcAfter[k], srcU[k]);
      if (inner) [a[k], u[k], changed] = [inner.after, inner.unknown, true];
    }
  }
  return changed ? { after: a, unknown: u } : undefined;
}
