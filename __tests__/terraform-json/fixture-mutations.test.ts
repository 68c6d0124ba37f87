/**
 * Properties over every fixture in fixtures/plan and fixtures/synth, with fast-check driving the
 * mutations (__tests__/support/terraform-mutations.ts; a failure prints the seed and the shrunk
 * path to replay it):
 * - a mutation Terraform reads the same (whitespace, key order, string escapes; for configurations
 *   also HCL's array-of-bodies forms and repeated mergeable keys) reads to the same document;
 * - a mutation that breaks the shape the policy relies on is refused with one line naming the file.
 */
import fc from 'fast-check';
import { readTerraformDocument, TerraformJsonError, treeFromValue } from '../../lib/terraform-json';
import { configBreakers, fcRng, fixtures, hclForms, Mutation, planBreakers, reorderKeys, serialize } from '../support/terraform-mutations';

/** Runs per fixture for the equivalent forms; each shape-breaking mutation runs RUNS_PER_BREAKER times. */
const RUNS_PER_FIXTURE = 20;
const RUNS_PER_BREAKER = { synth: 6, plan: 2 };
/** Fixed: the suite is reproducible; a longer exploration is SQSGUARD_FUZZ_RUNS (see __tests__/fuzz). */
const SEED = 20261127;

/** `n` runs of `property` over fast-check's generator, seeded. */
function check(n: number, property: (g: fc.GeneratorValue) => void): void {
  fc.assert(fc.property(fc.gen(), property), { seed: SEED, numRuns: n });
}

function refusal(file: string, text: string): string {
  try {
    readTerraformDocument(file, text);
  } catch (e) {
    if (e instanceof TerraformJsonError) return e.message;
    throw e;
  }
  return '(read without error)';
}

describe.each(fixtures('synth'))('configuration %s', (file, doc) => {
  test('Terraform-equivalent forms read to the same document', () => {
    check(RUNS_PER_FIXTURE, (g) => {
      const r = fcRng(g);
      const text = serialize(r, reorderKeys(r, hclForms(r, doc)));
      const read = readTerraformDocument(file, text);
      expect({ file, kind: read.kind, document: read.document }).toEqual({ file, kind: 'synth', document: doc });
    });
  });

  test.each(configBreakers.map((m): [string, Mutation] => [m.name, m]))('shape-breaking mutation "%s" is refused with one line', (_name, m) => {
    check(RUNS_PER_BREAKER.synth, (g) => {
      const message = refusal(file, m.apply(fcRng(g), doc));
      expect({ mutation: m.name, message }).toEqual({ mutation: m.name, message: expect.stringMatching(new RegExp(`^${file.replace(/\./g, '\\.')}: [^\n]+$`)) });
    });
  });
});

describe.each(fixtures('plan'))('plan %s', (file, doc) => {
  test('layout, key order and string escapes do not change what is read', () => {
    check(Math.floor(RUNS_PER_FIXTURE / 3), (g) => {
      const r = fcRng(g);
      const text = serialize(r, reorderKeys(r, treeFromValue(doc)));
      const read = readTerraformDocument(file, text);
      expect({ file, kind: read.kind, document: read.document }).toEqual({ file, kind: 'plan', document: doc });
    });
  });

  test.each(planBreakers.map((m): [string, Mutation] => [m.name, m]))('shape-breaking mutation "%s" is refused with one line', (_name, m) => {
    check(RUNS_PER_BREAKER.plan, (g) => {
      const message = refusal(file, m.apply(fcRng(g), doc));
      expect({ mutation: m.name, message }).toEqual({ mutation: m.name, message: expect.stringMatching(new RegExp(`^${file.replace(/\./g, '\\.')}: [^\n]+$`)) });
    });
  });
});
