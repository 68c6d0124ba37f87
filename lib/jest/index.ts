/**
 * `sqsguard/jest`: importing it (e.g. from a jest `setupFilesAfterEnv` file) registers the matchers
 * on jest's global `expect` and declares them on jest's types. Without a global `expect` (other
 * runners), pass `sqsguardMatchers` to that runner's `expect.extend`.
 */
import { sqsguardMatchers } from './matchers';
import type { SqsguardFindingQuery, SqsguardMatcherOptions } from './types';

export { sqsguardMatchers, toHaveSqsguardFinding, toPassSqsguard } from './matchers';
export type { Finding, Severity, Suppression } from './evaluate';
export type { SqsguardFindingQuery, SqsguardMatcherOptions } from './types';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** Passes when the synthesized stack has no deny finding (nor undetermined, with `strict`). */
      toPassSqsguard(options?: SqsguardMatcherOptions): R;
      /** Passes when the synthesized stack has an unsuppressed finding of `rule` (on `resource`, of `severity`). */
      toHaveSqsguardFinding(rule: string, query?: SqsguardFindingQuery): R;
    }
  }
}

const globalExpect = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof globalExpect?.extend === 'function') globalExpect.extend(sqsguardMatchers);
