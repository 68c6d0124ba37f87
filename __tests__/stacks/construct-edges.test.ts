import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { QueueWorker, QueueWorkerProps } from '../../lib/queue-worker';
import { configurePlanOnlyStack } from '../../scripts/dev/plan-only-stack';
import { findTerraform, offlineTerraformEnv } from '../../scripts/dev/toolchain';
import { WORKER_DIR } from '../support/synth';

/**
 * `terraform validate` (hashicorp/aws 5.100.0, offline) of the construct at the edges of the ranges
 * its validation allows: what it accepts, the provider accepts. And the first value past the name
 * limit, synthesized with validation skipped, is what the provider rejects.
 */
const EDGES: Record<string, Partial<QueueWorkerProps>> = {
  // 57 characters: the function and role "<name>-worker" are 64
  edge_accepted: {
    name: 'a'.repeat(57),
    tracing: true,
    changesMessageVisibility: true,
    provisionedPollers: { minimum: 2, maximum: 2000 },
    filterPatterns: Array.from({ length: 5 }, (_, i) => ({ body: { type: [`t${i}`] } })),
    alarms: { createTopic: true },
    encryption: { kind: 'kms' },
  },
  edge_minimum_pollers: { provisionedPollers: { minimum: 200, maximum: 200 } },
  // 58 characters, validation skipped: a 65-character function name
  edge_name_too_long: { name: 'b'.repeat(58), unsafeSkipValidation: true },
  // one poller past the maximum validation allows, validation skipped
  edge_pollers_too_many: { provisionedPollers: { minimum: 2, maximum: 2001 }, unsafeSkipValidation: true },
};

describe('the construct at the edges of its ranges', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-edges-'));
  let terraform = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(() => {
    terraform = findTerraform();
    env = offlineTerraformEnv(workDir);
    const app = new App({ outdir: path.join(workDir, 'out') });
    for (const [id, props] of Object.entries(EDGES)) {
      const stack = new TerraformStack(app, id);
      configurePlanOnlyStack(stack, 'edges');
      new QueueWorker(stack, 'orders', { name: 'orders', code: { directory: WORKER_DIR }, ...props });
    }
    app.synth();
  });

  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  const validate = (stack: string) => {
    const dir = path.join(workDir, 'out', 'stacks', stack);
    execFileSync(terraform, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'pipe' });
    const run = spawnSync(terraform, ['validate', '-json', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    return JSON.parse(run.stdout) as { valid: boolean; diagnostics: { summary: string; address?: string }[] };
  };

  test.each(['edge_accepted', 'edge_minimum_pollers'])('%s passes terraform validate', (stack) => {
    expect(validate(stack)).toMatchObject({ valid: true, diagnostics: [] });
  });

  test('a 58-character name, which validation refuses, fails terraform validate', () => {
    const result = validate('edge_name_too_long');
    expect(result.valid).toBe(false);
    // the provider checks the role's name (a function_name may be an ARN, so it checks no length there; AWS does)
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        summary: `expected length of name to be in the range (1 - 64), got ${'b'.repeat(58)}-worker`,
        address: expect.stringMatching(/^aws_iam_role\./),
      }),
    ]);
  });

  test('2001 maximum pollers, which validation refuses, fail terraform validate', () => {
    expect(validate('edge_pollers_too_many').diagnostics).toEqual([
      expect.objectContaining({
        summary: 'expected provisioned_poller_config.0.maximum_pollers to be in the range (1 - 2000), got 2001',
      }),
    ]);
  });
});
