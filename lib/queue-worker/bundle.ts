import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Transpiles the worker's TypeScript sources into a directory that TerraformAsset zips. The output
 * directory is named by a hash of the inputs, so the asset (and its source_code_hash) only changes
 * when the code does.
 */
export function buildWorkerBundle(sourceDir: string): string {
  const dir = path.resolve(sourceDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`code.directory must be an existing directory (given "${sourceDir}")`);
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.(ts|js)$/.test(f) && !/\.(test|spec)\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort();
  if (files.length === 0) throw new Error(`code.directory has no .ts or .js files (given "${sourceDir}")`);
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
  const outDir = path.join(os.tmpdir(), 'sqsguard-worker-bundles', hash.digest('hex').slice(0, 16));
  const marker = `${outDir}.complete`; // beside, not inside: everything inside is zipped
  if (fs.existsSync(marker)) return outDir;
  // Loaded lazily: only synthesizing a worker from TypeScript needs the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts: typeof import('typescript') = require('typescript');
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of files) {
    const source = fs.readFileSync(path.join(dir, f), 'utf8');
    const out = f.endsWith('.ts')
      ? ts.transpileModule(source, {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
          fileName: f,
        }).outputText
      : source;
    fs.writeFileSync(path.join(outDir, f.replace(/\.ts$/, '.js')), out);
  }
  fs.writeFileSync(marker, '');
  return outDir;
}

/** One zip per stack and bundle: workers sharing their code share the asset. */
const assetsByStack = new WeakMap<TerraformStack, Map<string, TerraformAsset>>();

/**
 * The zip of a worker bundle, created once per stack. cdktf zips each asset in a child process at
 * synth time (~150 ms each), so a stack of 100 workers with the same code zips once, not 100 times.
 */
export function workerAsset(scope: Construct, bundleDir: string): TerraformAsset {
  const stack = TerraformStack.of(scope);
  let assets = assetsByStack.get(stack);
  if (!assets) {
    assets = new Map();
    assetsByStack.set(stack, assets);
  }
  let asset = assets.get(bundleDir);
  if (!asset) {
    // The bundle directory is named by the hash of the sources: a stable, unique construct id.
    asset = new TerraformAsset(stack, `WorkerCode-${path.basename(bundleDir)}`, { path: bundleDir, type: AssetType.ARCHIVE });
    assets.set(bundleDir, asset);
  }
  return asset;
}
