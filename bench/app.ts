/**
 * Benchmark app: one stack (`bench`) holding N QueueWorkers (≈ 11 resources each), built with the
 * project's construct and synthesized by the real cdktf library. N = 0 is the synth floor: the same
 * stack with only its provider and backend.
 *
 * Usage: node dist-dev/bench/app.js <N> [outdir]
 *   Without outdir, cdktf's App takes its output directory from CDKTF_OUTDIR, as `cdktf synth --app`
 *   sets it; with it (a fresh `node` process), App.synth() writes there.
 *
 * The provider skips every credential check (like scripts/fixtures/construct-app.ts) so
 * `terraform plan` of the result runs offline against the provider mirror.
 */
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { configurePlanOnlyStack } from '../scripts/dev/plan-only-stack';
import { QueueWorker, QueueWorkerProps } from '../lib/queue-worker';
import { projectRoot } from '../lib/project-root';

type Variant = Omit<Partial<QueueWorkerProps>, 'name' | 'code'>;

/**
 * Pipelines cycle through these variants so every rule package has work: the defaults, a KMS-encrypted
 * pipeline with an alarm topic and reserved concurrency, a batching one, and one unsafe override
 * (validation bypassed with the construct's escape hatch) that the policy reports.
 */
export const VARIANTS: Variant[] = [
  {},
  { encryption: { kind: 'kms' }, alarms: { createTopic: true }, reservedConcurrency: 20, timeout: 60 },
  { maxBatchingWindow: 5, batchSize: 100, timeout: 20 },
  { visibilityTimeout: 60, unsafeSkipValidation: true },
];

export function buildBenchApp(n: number, outdir?: string): App {
  const app = new App(outdir ? { outdir } : {});
  const stack = new TerraformStack(app, 'bench');
  configurePlanOnlyStack(stack, 'bench');
  const code = { directory: path.join(projectRoot(), 'functions', 'orders-worker') };
  for (let i = 0; i < n; i++) {
    const id = `p${String(i).padStart(4, '0')}`;
    new QueueWorker(stack, id, { name: `bench-${id}`, code, ...VARIANTS[i % VARIANTS.length] });
  }
  return app;
}

if (require.main === module) {
  const n = Number(process.argv[2]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write('usage: app.js <N pipelines> [outdir]\n');
    process.exit(2);
  }
  buildBenchApp(n, process.argv[3]).synth();
}
