import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { findMotoPython } from '../../scripts/dev/toolchain';
import { ROOT } from './cdktf-app';

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited (${child.exitCode}): ${output()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`moto server did not answer on ${endpoint} within 30 s: ${output()}`);
}

/** Starts moto's server on 127.0.0.1 on a free port (see scripts/e2e/moto_server.py). */
export async function startMoto(): Promise<MotoServer> {
  const python = findMotoPython();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // The server logs every request. Its output goes to a file, not a pipe: the tests drive cdktf
  // with spawnSync, which blocks this process's event loop, and a pipe nobody drains fills up and
  // stalls the server mid-request.
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sqsguard-moto-')), 'moto.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(python, [path.join(ROOT, 'scripts', 'e2e', 'moto_server.py'), '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  const log = () => fs.readFileSync(logFile, 'utf8').slice(-4000);
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  try {
    await waitUntilUp(endpoint, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

/**
 * The Authorization header moto reads the target service from. moto checks no signature; this saves
 * an SDK client for the few SNS and KMS calls the e2e test makes (@aws-sdk/client-sns and
 * client-kms are not dependencies).
 */
function unsignedAuthorization(service: string, region: string): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

/** An AWS Query-protocol call (SNS) to moto; returns the XML response, throwing on an error status. */
export async function motoQuery(endpoint: string, service: string, params: Record<string, string>, region = 'us-east-1'): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: unsignedAuthorization(service, region) },
    body: new URLSearchParams(params).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${service} ${params.Action} failed (${response.status}): ${text}`);
  return text;
}

/** An AWS JSON-protocol call (KMS: target `TrentService.<Action>`) to moto; returns the parsed body. */
export async function motoJson(endpoint: string, service: string, target: string, body: unknown, region = 'us-east-1'): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: unsignedAuthorization(service, region),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${service} ${target} failed (${response.status}): ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** The text of the first `<name>` element of an XML response. */
export function xmlValue(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}
