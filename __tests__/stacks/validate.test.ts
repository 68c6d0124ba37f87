import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findTerraform, offlineTerraformEnv } from '../../scripts/dev/toolchain';
import { cdktfSynth } from '../support/cdktf-app';

/**
 * `terraform validate` of every stack main.ts synthesizes, offline: Terraform installs hashicorp/aws
 * from the local provider mirror through a CLI config written to a temp dir.
 */
describe('synthesized stacks', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-validate-'));
  const outDir = path.join(workDir, 'cdktf.out');
  let stacks: string[] = [];
  let terraform = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(() => {
    terraform = findTerraform();
    env = offlineTerraformEnv(workDir);
    stacks = cdktfSynth(outDir);
  });

  afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

  test('main.ts synthesizes the orders pipeline in dev and prod', () => {
    expect(stacks).toEqual(['orders-dev', 'orders-prod']);
  });

  test.each(['orders-dev', 'orders-prod'])('%s passes terraform validate', (stack) => {
    const dir = path.join(outDir, 'stacks', stack);
    execFileSync(terraform, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, stdio: 'pipe' });
    const out = execFileSync(terraform, ['validate', '-json', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    const result = JSON.parse(out) as { valid: boolean; error_count: number; diagnostics: unknown[] };
    expect(result).toMatchObject({ valid: true, error_count: 0 });
  });
});
