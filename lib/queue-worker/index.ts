export * from './queue-worker';
export * from './queue-worker-props';
export * from './queue-worker-defaults';
export * from './queue-worker-helper';
