// The public surface: the construct and the types of its props and of its resolved settings.
export { QueueWorker } from './queue-worker';
export type { ProvisionedPollers, QueueEncryption, QueueWorkerAlarmProps, QueueWorkerProps, WorkerCode } from './props';
export type { QueueWorkerSettings, ResolvedQueueEncryption } from './defaults';
