/**
 * The cdktf command line that the tests and the benchmark run, named in this one place so that a
 * move to CDK Terrain (`cdktn`, see docs/cdktn.md) or a Node the CLI cannot start on is a setting:
 *   SQSGUARD_CDKTF_CLI   the CLI to run (default: this repository's node_modules/.bin/cdktf)
 *   SQSGUARD_CDKTF_NODE  a node binary to run it with (default: the CLI's own `#!/usr/bin/env node`);
 *                        the app it synthesizes still runs on the `node` first on PATH
 */
import * as path from 'path';

export interface CdktfCommand {
  readonly command: string;
  readonly args: string[];
}

export function cdktfCommand(root: string, args: string[], env: NodeJS.ProcessEnv = process.env): CdktfCommand {
  const cli = env.SQSGUARD_CDKTF_CLI || path.join(root, 'node_modules', '.bin', 'cdktf');
  return env.SQSGUARD_CDKTF_NODE ? { command: env.SQSGUARD_CDKTF_NODE, args: [cli, ...args] } : { command: cli, args };
}
