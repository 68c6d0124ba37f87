/**
 * readInputFile against real files, links, devices and pipes. The FIFO and /dev/zero cases used
 * to hang or abort the process; they must now return an error at once.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import {
  DEFAULT_MAX_INPUT_BYTES,
  InputFileError,
  MAX_INPUT_ENV,
  MAX_INPUT_FLAG,
  maxInputBytes,
  readInputFile,
} from '../../lib/terraform-json';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-read-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputFileError) {
      expect(e.message).not.toContain('\n');
      return e.message;
    }
    throw e;
  }
  throw new Error('expected an InputFileError');
}

test('a regular file reads as UTF-8 text', () => {
  const f = path.join(dir, 'ok.json');
  fs.writeFileSync(f, '{"a": "é"}');
  expect(readInputFile(f)).toBe('{"a": "é"}');
});

test('/dev/zero is refused before reading (it used to read until std::bad_alloc)', () => {
  expect(problemOf(() => readInputFile('/dev/zero'))).toBe('/dev/zero: a character device, not a regular file: sqsguard reads files, or stdin as `-`');
});

test('a named pipe with no writer is refused at once (it used to wait forever)', () => {
  const fifo = path.join(dir, 'fifo');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const started = Date.now();
  expect(problemOf(() => readInputFile(fifo))).toBe(`${fifo}: a named pipe, not a regular file: sqsguard reads files, or stdin as \`-\``);
  expect(Date.now() - started).toBeLessThan(2000);
});

test('a directory is refused', () => {
  expect(problemOf(() => readInputFile(dir))).toBe(`${dir}: a directory, not a regular file: sqsguard reads files, or stdin as \`-\``);
});

test('a symbolic link loop is named as such', () => {
  const a = path.join(dir, 'loop-a');
  const b = path.join(dir, 'loop-b');
  fs.symlinkSync(b, a);
  fs.symlinkSync(a, b);
  expect(problemOf(() => readInputFile(a))).toBe(`${a}: symbolic link loop (the link resolves to itself)`);
});

test('a dangling link is named as such, a missing file as missing', () => {
  const link = path.join(dir, 'dangling');
  fs.symlinkSync(path.join(dir, 'gone.json'), link);
  expect(problemOf(() => readInputFile(link))).toBe(`${link}: dangling symbolic link (points to ${path.join(dir, 'gone.json')}, which does not exist)`);
  expect(problemOf(() => readInputFile(path.join(dir, 'nope.json')))).toBe(`${path.join(dir, 'nope.json')}: no such file or directory`);
});

test('a link to a regular file reads through', () => {
  const target = path.join(dir, 'target.json');
  fs.writeFileSync(target, '{}');
  const link = path.join(dir, 'link.json');
  fs.symlinkSync(target, link);
  expect(readInputFile(link)).toBe('{}');
});

test('a file over the limit is refused naming the limit, the flag and the variable', () => {
  const f = path.join(dir, 'big.json');
  fs.writeFileSync(f, 'x'.repeat(2049));
  expect(problemOf(() => readInputFile(f, { maxBytes: 2048 }))).toBe(`${f}: larger than the input limit of 2 KiB: raise it with --max-input-bytes or SQSGUARD_MAX_INPUT_BYTES`);
  fs.writeFileSync(f, 'x'.repeat(2048));
  expect(readInputFile(f, { maxBytes: 2048 })).toHaveLength(2048); // exactly the limit is fine
});

test('bytes that are not UTF-8 are refused', () => {
  const f = path.join(dir, 'bin.json');
  fs.writeFileSync(f, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
  expect(problemOf(() => readInputFile(f))).toBe(`${f}: not UTF-8 text (binary data?)`);
});

test('a byte order mark is kept for the JSON reader to name', () => {
  const f = path.join(dir, 'bom.json');
  fs.writeFileSync(f, '\ufeff{}');
  expect(readInputFile(f)).toBe('\ufeff{}');
});

describe('stdin (`-`)', () => {
  test('a pipe reads to its end', () => {
    const r = spawnChild('{"from": "stdin"}');
    expect(r).toEqual({ status: 0, stdout: '{"from": "stdin"}', stderr: '' });
  });

  test('an endless stream stops at the limit with one line (`yes | sqsguard check -`)', () => {
    const r = spawnSync('bash', ['-c', `yes | ${process.execPath} ${childScript()} 65536`], { encoding: 'utf8', timeout: 30000 });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('<stdin>: larger than the input limit of 64 KiB: raise it with --max-input-bytes or SQSGUARD_MAX_INPUT_BYTES\n');
    expect(r.status).toBe(2);
  });

  test('a terminal (nothing piped) is refused at once', () => {
    // `script` gives the child a real pseudo-terminal as stdin
    const r = spawnSync('script', ['-qec', `${process.execPath} ${childScript()}`, '/dev/null'], { encoding: 'utf8', timeout: 30000, input: '' });
    expect(r.stdout.trim()).toBe('<stdin>: stdin is a terminal, nothing was piped: pipe a document (`terraform show -json plan | sqsguard check -`) or name a file');
  });

  test('a closed stdin is named', () => {
    expect(problemOf(() => readInputFile('-', { stdinFd: 987 }))).toBe('<stdin>: stdin is closed: pipe a document into it or name a file');
  });
});

describe('maxInputBytes', () => {
  test('default, flag over environment, units', () => {
    expect(maxInputBytes(undefined, {})).toBe(DEFAULT_MAX_INPUT_BYTES);
    expect(DEFAULT_MAX_INPUT_BYTES).toBe(256 * 1024 * 1024);
    expect(maxInputBytes(undefined, { [MAX_INPUT_ENV]: '1GiB' })).toBe(1024 ** 3);
    expect(maxInputBytes('512M', { [MAX_INPUT_ENV]: '1GiB' })).toBe(512 * 1024 ** 2);
    expect(maxInputBytes('1000', {})).toBe(1000);
    expect(maxInputBytes('64k', {})).toBe(65536);
  });

  test.each([['0'], ['-5'], ['1.5G'], ['lots'], ['99999999999999999999']])('%s is refused naming its source', (value) => {
    expect(() => maxInputBytes(value, {})).toThrow(new RegExp(`^${MAX_INPUT_FLAG} `));
    expect(() => maxInputBytes(undefined, { [MAX_INPUT_ENV]: value })).toThrow(new RegExp(`^${MAX_INPUT_ENV} `));
  });
});

/** A child that reads `-` with readInputFile and prints the text, or the one-line error + exit 2. */
let script: string | undefined;
function childScript(): string {
  if (script) return script;
  const js = ts.transpileModule(fs.readFileSync(path.join(__dirname, '../../lib/terraform-json/read-input-file.ts'), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  fs.writeFileSync(path.join(dir, 'read-input-file.js'), js);
  script = path.join(dir, 'read-stdin.js');
  fs.writeFileSync(
    script,
    `const { readInputFile } = require('./read-input-file.js');
     const max = process.argv[2] ? Number(process.argv[2]) : undefined;
     try { process.stdout.write(readInputFile('-', { maxBytes: max })); }
     catch (e) { console.error(e.message); process.exit(2); }`,
  );
  return script;
}

function spawnChild(input: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [childScript()], { input, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
