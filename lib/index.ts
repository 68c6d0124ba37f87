/**
 * The package's main export (`import { QueueWorker } from 'sqsguard'`): the construct and its props,
 * the synth-time guard, and `sqsguard check` as an API (load inputs, evaluate, render a report).
 * The jest matchers are `sqsguard/jest`; the check API alone, without cdktf, is `sqsguard/check`.
 */

// A CLI-only install has none of the construct's peers: name them instead of a bare MODULE_NOT_FOUND.
for (const peer of ['cdktf', 'constructs', '@cdktf/provider-aws']) {
  try {
    require.resolve(peer);
  } catch {
    throw new Error(
      `sqsguard: the construct and the guard need the peer dependency ${peer}: install cdktf, constructs and ` +
        "@cdktf/provider-aws (ranges: sqsguard's peerDependencies); the check API alone is 'sqsguard/check'",
    );
  }
}

export * from './queue-worker';

export {
  CONFIG_FILE,
  CONTEXT_CONFIG,
  CONTEXT_ENABLED,
  CONTEXT_SUPPRESSIONS,
  SUPPRESSIONS_FILE,
  describe as describeFinding,
  evaluateStack,
  installSynthGuard,
  synthWithGuard,
} from './guard';
export type { SynthGuardOptions } from './guard';

export * from './check-api';
