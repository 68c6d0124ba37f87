/**
 * Finds the external tools the tests, scripts and benchmarks drive: Terraform, a filesystem mirror of
 * the hashicorp/aws provider (so Terraform runs offline), moto's server, and the pinned OPA and Regal. Nothing here hard-codes a
 * machine's paths: explicit environment variables win, then PATH, then the usual install roots.
 * A missing tool is an error whose message says how to install it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project-root';

export const AWS_PROVIDER_VERSION = '5.100.0';

export class MissingToolError extends Error {}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function findTerraform(): string {
  const explicit = process.env.SQSGUARD_TERRAFORM;
  const found = explicit || onPath('terraform');
  if (!found) {
    throw new MissingToolError(
      'terraform not found: install Terraform >= 1.5 (https://developer.hashicorp.com/terraform/install, or ' +
        '`go install github.com/hashicorp/terraform@v1.11.4`) or set SQSGUARD_TERRAFORM',
    );
  }
  return found;
}

const FIND_TOOL_SCRIPT = path.join(projectRoot(), 'scripts', 'find-tool.sh');

/**
 * A pinned tool scripts/tools.sh installs (opa, regal), found by scripts/find-tool.sh, the finder the
 * shell scripts source: project-local .tools/bin first, then PATH.
 */
export function findProjectTool(name: string): string {
  try {
    return execFileSync('bash', [FIND_TOOL_SCRIPT, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new MissingToolError(stderr || `${name} not found: run scripts/tools.sh`);
  }
}

const PROVIDER_MIRROR_SCRIPT = path.join(projectRoot(), 'scripts', 'provider-mirror.sh');

/**
 * Runs scripts/provider-mirror.sh (the one place that knows where mirrors live): prints the
 * directory of a Terraform filesystem mirror holding hashicorp/aws 5.100.0, optionally writing a CLI
 * config that installs the provider from it only.
 */
function providerMirror(extraArgs: string[] = []): string {
  try {
    return execFileSync('bash', [PROVIDER_MIRROR_SCRIPT, ...extraArgs], {
      encoding: 'utf8',
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new MissingToolError(stderr || `no filesystem mirror of hashicorp/aws ${AWS_PROVIDER_VERSION} found`);
  }
}

/** A directory laid out as a Terraform filesystem mirror holding hashicorp/aws 5.100.0. */
export function findProviderMirror(): string {
  return providerMirror();
}

/**
 * Writes a Terraform CLI config that installs hashicorp/aws from the mirror only, into `dir`, and
 * returns the environment to run Terraform (or cdktf) with. The user's ~/.terraformrc is never touched.
 */
export function offlineTerraformEnv(dir: string): NodeJS.ProcessEnv {
  const configFile = path.join(dir, 'terraform.rc');
  providerMirror(['--cli-config', configFile]);
  return {
    ...process.env,
    TF_CLI_CONFIG_FILE: configFile,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
}

/**
 * A Python interpreter that has moto's server installed: SQSGUARD_PYTHON, then python3 on PATH.
 * The e2e tests start moto through scripts/e2e/moto_server.py with it.
 */
export function findMotoPython(): string {
  const python = process.env.SQSGUARD_PYTHON || onPath('python3');
  const install = "install moto's server with `python3 -m pip install 'moto[server]==5.2.5'` (or set SQSGUARD_PYTHON)";
  if (!python) throw new MissingToolError(`python3 not found: ${install}`);
  try {
    execFileSync(python, ['-c', 'import moto.server, flask, werkzeug'], { stdio: 'pipe' });
  } catch {
    throw new MissingToolError(`moto's server is not importable by ${python}: ${install}`);
  }
  return python;
}

export function terraformVersion(terraform: string = findTerraform()): string {
  const out = execFileSync(terraform, ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return (JSON.parse(out) as { terraform_version: string }).terraform_version;
}
