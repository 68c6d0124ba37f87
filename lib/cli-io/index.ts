/** Output for the CLI: see write-output.ts. Wiring: `guardStdoutErrors()` at startup, `writeOutput(report)` / `writeOutputFile(path, report)` for the report. */
export { writeOutput, writeOutputFile, guardStdoutErrors, handleWriteError, describeWriteError, EPIPE_EXIT_CODE, WRITE_ERROR_EXIT_CODE } from './write-output';
export type { OutputTarget, ExitHooks } from './write-output';
