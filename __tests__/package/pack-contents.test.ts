/** What `npm pack` ships: the built library and CLI, the compiled policy, the policy facts the construct reads, no dev tree. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../cli/run-cli';

describe('npm package', () => {
  it('GIVEN a build WHEN packed THEN it holds dist/lib, dist/bin, the policy and its thresholds, the HCL reader, and no tests, benches, fixtures or dev tooling', () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'bin', 'sqsguard.js'))) throw new Error('dist/ missing: run `npm run build`');
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    const outside = files.filter((f) => !/^(dist\/(lib|bin)\/|policies\/dist\/|hcl\/dist\/|dist\/policies\/dist\/thresholds\.json$|README\.md$|LICENSE$|package\.json$)/.test(f));
    expect(outside).toEqual([]);
    expect(files.filter((f) => /__tests__|bench|fixtures|scripts|\.test\./.test(f))).toEqual([]);
    for (const needed of ['dist/bin/sqsguard.js', 'dist/lib/engine/evaluate.js', 'dist/lib/guard/index.js', 'policies/dist/policy.wasm', 'policies/dist/rules.json', 'dist/policies/dist/thresholds.json', 'LICENSE', 'hcl/dist/hcl.wasm', 'hcl/dist/wasm_exec.js']) {
      expect(files).toContain(needed);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(files).toContain(pkg.bin.sqsguard);
  });
});
