/**
 * `sqsguard check` is for plain Terraform users too: the built CLI must not load cdktf, constructs,
 * the provider bindings or esbuild (optional peers a CLI-only install does not have), even while it
 * checks a synthesized stack.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project-root';

const ROOT = projectRoot();
const CLI = path.join(ROOT, 'dist', 'bin', 'sqsguard.js');
const PEERS = Object.keys((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }).peerDependencies);

/** Runs the CLI as its own main module and returns the node_modules packages it loaded. */
function packagesLoadedBy(args: string[]): { status: number | null; packages: string[] } {
  const probe = [
    `process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));`,
    `process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...${JSON.stringify(args)}];`,
    `require('module').runMain();`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
  const loaded = JSON.parse(/LOADED (.*)$/.exec(r.stderr)?.[1] ?? '[]') as string[];
  const packages = new Set(loaded.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter((p): p is string => p !== undefined));
  return { status: r.status, packages: [...packages].sort() };
}

test('checking a synthesized stack loads no peer dependency: only the check engine and its own dependencies', () => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const { status, packages } = packagesLoadedBy(['check', path.join(ROOT, 'fixtures', 'synth', 'sqsl008_no_partial_batch.json')]);
  expect(status).toBe(0);
  expect(packages).toContain('@open-policy-agent/opa-wasm'); // the probe sees what the CLI loads
  for (const peer of [...PEERS, 'cdktf-cli', 'typescript']) expect(packages).not.toContain(peer);
});

test('the check API (sqsguard/check) loads no peer dependency either', () => {
  const api = path.join(ROOT, 'dist', 'lib', 'check-api.js');
  const probe = `const api = require(${JSON.stringify(api)}); api.evaluate(api.loadInputs([${JSON.stringify(path.join(ROOT, 'fixtures', 'plan', 'sqsl003_no_dlq.json'))}]), { version: 'x' });
    process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const r = spawnSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const packages = new Set((JSON.parse(r.stdout) as string[]).map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]));
  expect(packages.has('@open-policy-agent/opa-wasm')).toBe(true);
  for (const peer of [...PEERS, 'typescript']) expect(packages.has(peer)).toBe(false);
});
