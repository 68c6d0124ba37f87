import * as path from 'path';
import { Testing, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { QueueWorker, QueueWorkerProps } from '../../lib/queue-worker';
import { projectRoot } from '../../lib/project-root';

export const WORKER_DIR = path.join(projectRoot(), 'functions', 'orders-worker');

export interface SynthResult {
  readonly worker: QueueWorker;
  readonly json: string;
  readonly config: TerraformJson;
}

export interface TerraformJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  [key: string]: unknown;
}

/** GIVEN helper: a stack holding one QueueWorker with the given props, synthesized. */
export function synthWorker(props: Partial<QueueWorkerProps> = {}): SynthResult {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const worker = new QueueWorker(stack, 'orders', { name: 'orders', code: { directory: WORKER_DIR }, ...props });
  const json = Testing.synth(stack);
  return { worker, json, config: JSON.parse(json) as TerraformJson };
}

/** The only resource of a type (fails the test when there is not exactly one). */
export function onlyResource(config: TerraformJson, type: string): Record<string, unknown> {
  const resources = Object.values(config.resource[type] ?? {});
  if (resources.length !== 1) throw new Error(`expected one ${type}, found ${resources.length}`);
  return resources[0];
}

/** The resource of a type made by the worker's child construct `id` (logical ids are `orders_<id>_<hash>`). */
export function resourceById(config: TerraformJson, type: string, id: string): Record<string, unknown> {
  const key = Object.keys(config.resource[type] ?? {}).find((k) => k.startsWith(`orders_${id}_`));
  const found = key === undefined ? undefined : config.resource[type][key];
  if (!found) throw new Error(`no ${type} with construct id ${id}`);
  return found;
}
