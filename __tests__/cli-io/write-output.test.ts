/**
 * writeOutput against real descriptors: a pipe whose reader closes early (EPIPE), /dev/full
 * (ENOSPC), and a child process that writes through it, as the CLI will.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { EPIPE_EXIT_CODE, ExitHooks, WRITE_ERROR_EXIT_CODE, writeOutput, writeOutputFile } from '../../lib/cli-io';

const moduleSource = path.join(__dirname, '../../lib/cli-io/write-output.ts');

/** The module compiled to plain JS in a temp dir, so a child `node` can run it. */
let childScript: string;
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-cli-io-'));
  const js = ts.transpileModule(fs.readFileSync(moduleSource, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  fs.writeFileSync(path.join(dir, 'write-output.js'), js);
  childScript = path.join(dir, 'child.js');
  // 64 MiB in one call: far more than a pipe buffer, so the writer is still writing when the reader leaves
  fs.writeFileSync(
    childScript,
    `const { writeOutput } = require('./write-output.js');
     writeOutput('x'.repeat(64 * 1024 * 1024));
     process.stderr.write('unreachable: the write finished\\n');`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
function recorder(): ExitHooks & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    error: (line) => void lines.push(line),
    exit: (code) => {
      throw new Exited(code);
    },
  };
}

describe('writeOutput in-process', () => {
  test('ENOSPC on /dev/full: one line naming the target and the error, exit 2', () => {
    const hooks = recorder();
    const fd = fs.openSync('/dev/full', 'w');
    try {
      expect(() => writeOutput('report\n', { fd, name: 'stdout' }, hooks)).toThrow(new Exited(WRITE_ERROR_EXIT_CODE));
    } finally {
      fs.closeSync(fd);
    }
    expect(hooks.lines).toEqual(['sqsguard: cannot write the report to stdout: no space left on device (ENOSPC)']);
  });

  test('EPIPE on a pipe whose reader closed: quiet exit 141', () => {
    const hooks = recorder();
    const fifo = path.join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const writer = fs.openSync(fifo, fs.constants.O_WRONLY);
    fs.closeSync(reader);
    try {
      expect(() => writeOutput('report\n', { fd: writer, name: 'stdout' }, hooks)).toThrow(new Exited(EPIPE_EXIT_CODE));
    } finally {
      fs.closeSync(writer);
      fs.rmSync(fifo);
    }
    expect(hooks.lines).toEqual([]);
  });

  test('writeOutputFile: a file on /dev/full is ENOSPC, an unwritable path one line', () => {
    const full = recorder();
    expect(() => writeOutputFile('/dev/full', 'report\n', full)).toThrow(new Exited(WRITE_ERROR_EXIT_CODE));
    expect(full.lines).toEqual(['sqsguard: cannot write the report to /dev/full: no space left on device (ENOSPC)']);
    const missing = recorder();
    expect(() => writeOutputFile(path.join(dir, 'no/such/dir/report.txt'), 'report\n', missing)).toThrow(new Exited(WRITE_ERROR_EXIT_CODE));
    expect(missing.lines).toHaveLength(1);
    expect(missing.lines[0]).toMatch(/^sqsguard: cannot write the report to .*report\.txt: .*\(ENOENT\)$/);
  });

  test('a complete write returns normally', () => {
    const file = path.join(dir, 'ok.txt');
    writeOutputFile(file, 'héllo\n', recorder());
    expect(fs.readFileSync(file, 'utf8')).toBe('héllo\n');
  });
});

describe('a child process writing through writeOutput', () => {
  test('stdout to /dev/full: exit 2 and exactly one stderr line, no stack trace', () => {
    const out = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [childScript], { stdio: ['ignore', out, 'pipe'], cwd: dir, encoding: 'utf8' });
      expect(r.status).toBe(WRITE_ERROR_EXIT_CODE);
      expect(r.stderr).toBe('sqsguard: cannot write the report to stdout: no space left on device (ENOSPC)\n');
    } finally {
      fs.closeSync(out);
    }
  });

  test('the reader closes the pipe after the first chunk: quiet exit 141', async () => {
    const child = spawn(process.execPath, [childScript], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let got = 0;
    child.stdout!.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout!.destroy(); // what `head -c` does once it has enough
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(got).toBeGreaterThan(0);
    expect(code).toBe(EPIPE_EXIT_CODE);
    expect(stderr).toBe('');
  });

  test('guardStdoutErrors: process.stdout to /dev/full gives the same one line and exit 2', () => {
    const script = path.join(dir, 'guarded.js');
    fs.writeFileSync(script, `require('./write-output.js').guardStdoutErrors(); process.stdout.write('x'.repeat(1 << 20));`);
    const out = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [script], { stdio: ['ignore', out, 'pipe'], cwd: dir, encoding: 'utf8' });
      expect(r.stderr).toBe('sqsguard: cannot write the report to stdout: no space left on device (ENOSPC)\n');
      expect(r.status).toBe(WRITE_ERROR_EXIT_CODE);
    } finally {
      fs.closeSync(out);
    }
  });

  test('guardStdoutErrors: console.log into a closed pipe exits 141 quietly', async () => {
    const script = path.join(dir, 'guarded-log.js');
    fs.writeFileSync(script, `require('./write-output.js').guardStdoutErrors(); const line = 'y'.repeat(4096); let i = 0; const t = setInterval(() => { for (let k = 0; k < 64; k++) console.log(line); if (++i > 2000) clearInterval(t); }, 1);`);
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.once('data', () => child.stdout!.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(EPIPE_EXIT_CODE);
  });

  test('without the helper the same child prints a stack trace (what this fixes)', () => {
    const raw = path.join(dir, 'raw.js');
    fs.writeFileSync(raw, `require('fs').writeSync(1, 'x'.repeat(1024));`);
    const out = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [raw], { stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/ENOSPC[\s\S]*\n\s+at /);
    } finally {
      fs.closeSync(out);
    }
  });
});
