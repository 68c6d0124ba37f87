import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project-root';
import { cdktfCommand } from '../../scripts/cdktf-cli';

export const ROOT = projectRoot();

/**
 * Runs the real `cdktf synth` of main.ts (compiled to dist/ by the test script's build step) into
 * `outDir` and returns the stack names it wrote.
 */
export function cdktfSynth(outDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'main.js'))) {
    throw new Error('dist/main.js is missing: run `npm run build` first (npm test does)');
  }
  const cdktf = cdktfCommand(ROOT, ['synth', '--output', outDir]);
  execFileSync(cdktf.command, cdktf.args, {
    cwd: ROOT,
    env: { ...env, CHECKPOINT_DISABLE: '1', CI: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return fs.readdirSync(path.join(outDir, 'stacks')).sort();
}
