/**
 * Writing the report without stack traces. Node ignores SIGPIPE, so `sqsguard check … | head -1`
 * gets EPIPE, and a full disk gets ENOSPC; both surfaced as an uncaught exception with a stack.
 *
 * - EPIPE (the reader went away): a quiet exit with 141, what a shell reports for a tool killed by
 *   SIGPIPE (`cat`, `grep`). Not 0: the report was not delivered, and under `set -o pipefail` a
 *   failing check must not read as a pass.
 * - Any other write error (ENOSPC, EIO, EBADF, …): one line on stderr and exit 2.
 *
 * Writes are synchronous (fs.writeSync on the descriptor), so errors arrive where they happen.
 */
import * as fs from 'fs';

export const EPIPE_EXIT_CODE = 141;
export const WRITE_ERROR_EXIT_CODE = 2;

export interface OutputTarget {
  fd: number;
  /** For messages: "stdout" or the --output file name. */
  name: string;
}

export interface ExitHooks {
  /** Exits the process (tests pass a recorder). */
  exit: (code: number) => never;
  /** Writes one line to stderr. */
  error: (line: string) => void;
}

const defaultHooks: ExitHooks = {
  exit: (code) => process.exit(code),
  error: (line) => {
    try {
      fs.writeSync(2, `${line}\n`);
    } catch {
      // stderr gone too: nothing left to tell
    }
  },
};

const WORDS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EIO: 'input/output error',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EBADF: 'the output is closed',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'a directory, not a file',
};

/** The one line for a write error that is not EPIPE. */
export function describeWriteError(target: string, e: NodeJS.ErrnoException): string {
  const code = e.code ?? 'unknown error';
  return `sqsguard: cannot write the report to ${target}: ${WORDS[code] ?? e.message.split('\n')[0]} (${code})`;
}

/** Handles a write error as above; returns only for errors that are not write errors. */
export function handleWriteError(e: unknown, target: string, hooks: ExitHooks = defaultHooks): void {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string' || typeof err.syscall !== 'string') return;
  if (err.code === 'EPIPE') hooks.exit(EPIPE_EXIT_CODE);
  hooks.error(describeWriteError(target, err));
  hooks.exit(WRITE_ERROR_EXIT_CODE);
}

const sleep = (ms: number): void => void Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Writes all of `text` to the target's descriptor; write errors end the process as above. */
export function writeOutput(text: string, target: OutputTarget = { fd: 1, name: 'stdout' }, hooks: ExitHooks = defaultHooks): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(target.fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      // a non-blocking pipe that is full: wait for the reader
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
        sleep(5);
        continue;
      }
      handleWriteError(e, target.name, hooks);
      throw e;
    }
  }
}

/** Writes `text` to the file `path` (the --output flag) with the same handling. */
export function writeOutputFile(path: string, text: string, hooks: ExitHooks = defaultHooks): void {
  let fd: number;
  try {
    fd = fs.openSync(path, 'w');
  } catch (e) {
    hooks.error(describeWriteError(path, e as NodeJS.ErrnoException));
    return hooks.exit(WRITE_ERROR_EXIT_CODE);
  }
  try {
    writeOutput(text, { fd, name: path }, hooks);
    try {
      fs.fsyncSync(fd); // a full disk may only show at flush time (NFS, quotas)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EINVAL') {
        handleWriteError(e, path, hooks);
        throw e;
      }
    }
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // already reported
    }
  }
}

/**
 * For output written through process.stdout / console.log: their errors arrive as 'error' events
 * (an uncaught one prints a stack); this handles them the same way. Call once at startup.
 */
export function guardStdoutErrors(stream: NodeJS.WriteStream = process.stdout, name = 'stdout', hooks: ExitHooks = defaultHooks): void {
  stream.on('error', (e) => {
    handleWriteError(e, name, hooks);
    throw e;
  });
}
