import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

/** Source files of a worker: TypeScript and JavaScript, at any depth, tests and declarations left out. */
const SOURCE = /\.(ts|js)$/;
const NOT_SOURCE = /\.(test|spec)\.(ts|js)$|\.d\.ts$/;
/** Never part of a worker's own sources. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/** The bundler's settings: part of the bundle's hash, so changing them changes the output directory. */
const ESBUILD_OPTIONS = { format: 'cjs', platform: 'node', target: 'node20', bundle: false, logLevel: 'silent' } as const;

function sourceFiles(dir: string, relative = ''): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) files.push(...sourceFiles(dir, rel));
    else if (entry.isFile() && SOURCE.test(entry.name) && !NOT_SOURCE.test(entry.name)) files.push(rel);
  }
  return files.sort();
}

type Esbuild = typeof import('esbuild');

function loadEsbuild(): Esbuild {
  try {
    // Loaded lazily: only synthesizing a worker needs the bundler, never `sqsguard check`.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('esbuild') as Esbuild;
  } catch {
    throw new Error('QueueWorker bundles code.directory with esbuild, a peer dependency of sqsguard: npm install --save-dev esbuild');
  }
}

/** sha256 (16 hex digits) over each file's relative path and content, in path order. */
function hashFiles(dir: string, files: string[], seed = ''): string {
  const hash = crypto.createHash('sha256').update(`${seed}\0`);
  for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(dir, f))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Compiles every TypeScript and JavaScript source of the worker's directory, nested folders
 * included, to CommonJS with esbuild, keeping each file's relative path (so `handler` and relative
 * imports resolve as in the sources). The output directory, which TerraformAsset zips, is named by a
 * hash of the compiled files, so the asset (and its source_code_hash) changes only when they do; a
 * marker named by the hash of the sources and the bundler's version and settings skips rebuilding.
 */
export function buildWorkerBundle(sourceDir: string): string {
  const dir = path.resolve(sourceDir);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(`code.directory must be an existing directory (given "${sourceDir}")`);
  }
  const files = sourceFiles(dir);
  if (files.length === 0) throw new Error(`code.directory has no .ts or .js files (given "${sourceDir}")`);
  const esbuild = loadEsbuild();
  const root = path.join(os.tmpdir(), 'sqsguard-worker-bundles');
  // Beside the bundles, not inside one: everything inside a bundle is zipped.
  const marker = path.join(root, `sources-${hashFiles(dir, files, `esbuild ${esbuild.version} ${JSON.stringify(ESBUILD_OPTIONS)}`)}`);
  if (fs.existsSync(marker)) {
    const built = path.join(root, fs.readFileSync(marker, 'utf8'));
    if (fs.existsSync(built)) return built;
  }
  // Built beside and renamed into place: parallel synths (jest workers) never see a half-built bundle.
  const building = path.join(root, `building-${process.pid}`);
  fs.rmSync(building, { recursive: true, force: true });
  esbuild.buildSync({ ...ESBUILD_OPTIONS, entryPoints: files.map((f) => path.join(dir, f)), outbase: dir, outdir: building });
  const name = hashFiles(building, files.map((f) => f.replace(/\.ts$/, '.js')));
  const outDir = path.join(root, name);
  try {
    fs.renameSync(building, outDir);
  } catch {
    // Only a complete bundle is ever renamed into place, named by its content: the same as ours.
    fs.rmSync(building, { recursive: true, force: true });
  }
  fs.writeFileSync(marker, name);
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
