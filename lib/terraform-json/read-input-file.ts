/**
 * Reads an input document with limits, synchronously (the engine is synchronous). Without them,
 * `check /dev/zero` reads until the process aborts (`std::bad_alloc`) and `check some-fifo` waits
 * forever without a word.
 *
 * - Only regular files, or `-` for stdin. A FIFO, a device, a socket or a directory is refused
 *   before anything is read (opened with O_NONBLOCK, so opening a FIFO cannot block either).
 * - At most `maxBytes` (default 256 MiB; SQSGUARD_MAX_INPUT_BYTES or --max-input-bytes raise it).
 * - A symbolic link loop and a dangling link are named as such.
 * - stdin that is a terminal (nothing piped) is refused at once. A pipe is read until it closes
 *   (like `cat`); an endless one stops at `maxBytes`.
 * - The bytes must be UTF-8.
 */
import * as fs from 'fs';
import * as tty from 'tty';

export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024;
export const MAX_INPUT_FLAG = '--max-input-bytes';
export const MAX_INPUT_ENV = 'SQSGUARD_MAX_INPUT_BYTES';

export class InputFileError extends Error {
  constructor(
    readonly file: string,
    /** One line, without the file name. */
    readonly problem: string,
  ) {
    super(`${file === '-' ? '<stdin>' : file}: ${problem}`);
  }
}

export interface ReadInputOptions {
  maxBytes?: number;
  /** The descriptor `-` reads (tests pass their own). */
  stdinFd?: number;
}

/** "256 MiB" / "1000 bytes" */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * The limit from the flag's value (if given) or the environment, else the default. A value that is
 * not a positive whole number of bytes is an error naming where it came from.
 */
export function maxInputBytes(flagValue: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const [value, from] = flagValue !== undefined ? [flagValue, MAX_INPUT_FLAG] : [env[MAX_INPUT_ENV], MAX_INPUT_ENV];
  if (value === undefined || value === '') return DEFAULT_MAX_INPUT_BYTES;
  const m = /^([1-9][0-9]*)([KMG]i?B?)?$/i.exec(value.trim());
  if (!m) throw new Error(`${from} must be a positive number of bytes, optionally with KiB/MiB/GiB (got ${JSON.stringify(value)})`);
  const unit = (m[2] ?? '').toUpperCase().charAt(0);
  const n = Number(m[1]) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1);
  if (!Number.isSafeInteger(n)) throw new Error(`${from} is too large (got ${JSON.stringify(value)})`);
  return n;
}

function tooLarge(file: string, maxBytes: number): InputFileError {
  return new InputFileError(file, `larger than the input limit of ${formatBytes(maxBytes)}: raise it with ${MAX_INPUT_FLAG} or ${MAX_INPUT_ENV}`);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

const sleep = (ms: number): void => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms) as unknown as void;

/** Reads `fd` to its end or to maxBytes + 1 (to tell "exactly the limit" from "over it"). */
function readAll(fd: number, file: string, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a non-blocking descriptor (stdin shared with a parent that set O_NONBLOCK): wait for data
      if (code === 'EAGAIN') {
        sleep(10);
        continue;
      }
      if (code === 'EOF') break;
      throw new InputFileError(file, `cannot read: ${(e as Error).message}`);
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) throw tooLarge(file, maxBytes);
  }
  return Buffer.concat(chunks, total);
}

function decode(file: string, bytes: Buffer): string {
  try {
    // ignoreBOM: keep a byte order mark so the JSON reader can name it
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputFileError(file, 'not UTF-8 text (binary data?)');
  }
}

function openError(file: string, e: NodeJS.ErrnoException): InputFileError {
  switch (e.code) {
    case 'ENOENT': {
      let link: string | undefined;
      try {
        link = fs.readlinkSync(file);
      } catch {
        // not a symbolic link
      }
      return new InputFileError(file, link !== undefined ? `dangling symbolic link (points to ${link}, which does not exist)` : 'no such file or directory');
    }
    case 'ELOOP':
      return new InputFileError(file, 'symbolic link loop (the link resolves to itself)');
    case 'EACCES':
    case 'EPERM':
      return new InputFileError(file, 'permission denied');
    case 'ENOTDIR':
      return new InputFileError(file, 'no such file or directory (a part of the path is not a directory)');
    case 'EISDIR':
      return new InputFileError(file, 'a directory, not a file');
    default:
      return new InputFileError(file, `cannot open: ${e.message}`);
  }
}

/** The text of `file` (`-`: stdin) under the limits above; InputFileError (one line) otherwise. */
export function readInputFile(file: string, options: ReadInputOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (file === '-') {
    const fd = options.stdinFd ?? 0;
    let stat: fs.Stats;
    try {
      stat = fs.fstatSync(fd);
    } catch {
      throw new InputFileError('-', 'stdin is closed: pipe a document into it or name a file');
    }
    if (stat.isCharacterDevice() && tty.isatty(fd)) {
      throw new InputFileError('-', 'stdin is a terminal, nothing was piped: pipe a document (`terraform show -json plan | sqsguard check -`) or name a file');
    }
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge('-', maxBytes);
    return decode('-', readAll(fd, '-', maxBytes));
  }
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw openError(file, e as NodeJS.ErrnoException);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw new InputFileError(file, `${kindOf(stat)}, not a regular file: sqsguard reads files, or stdin as \`-\``);
    }
    if (stat.size > maxBytes) throw tooLarge(file, maxBytes);
    return decode(file, readAll(fd, file, maxBytes));
  } finally {
    fs.closeSync(fd);
  }
}
