/**
 * The retry budget of an SQS -> Lambda pipeline: how often and for how long a failing message is
 * retried, whether it reaches the DLQ before it expires, how long it then survives there, how long
 * duplicates can arrive, and how many batches run at once. Pure: computed from one
 * `data.sqsguard.main.pipelines` entry; any "unknown" input makes the quantities it feeds "unknown".
 */
import { PolicyPipeline } from './contract';
import { Quantity, RetryBudget } from './report';

/** Lambda's default regional account concurrency (the cap when nothing lower is set). */
export const ACCOUNT_CONCURRENCY_DEFAULT = 1000;

const isUnknown = (...xs: unknown[]): boolean => xs.some((x) => x === 'unknown');
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function retryBudget(p: PolicyPipeline): RetryBudget {
  const vt = p.visibility_timeout;
  const retention = p.source_retention;
  const hasDlq: boolean | 'unknown' = p.dlq === 'unknown' ? 'unknown' : typeof p.dlq === 'string';

  let maxReceives: Quantity = null;
  let timeToDlq: Quantity = null;
  let retriesUntilExpiry: Quantity = null;
  let expiresFirst: boolean | null | 'unknown' = null;
  if (hasDlq === 'unknown') {
    maxReceives = timeToDlq = retriesUntilExpiry = 'unknown';
    expiresFirst = 'unknown';
  } else if (hasDlq) {
    maxReceives = isUnknown(p.max_receive_count) ? 'unknown' : num(p.max_receive_count);
    timeToDlq = isUnknown(p.max_receive_count, vt) ? 'unknown' : mul(num(p.max_receive_count), num(vt));
    if (isUnknown(timeToDlq, retention)) expiresFirst = 'unknown';
    else if (typeof timeToDlq === 'number' && num(retention) !== null) expiresFirst = timeToDlq > (retention as number);
  } else {
    expiresFirst = true;
    if (isUnknown(retention, vt)) retriesUntilExpiry = 'unknown';
    else if (num(retention) !== null && num(vt) !== null) {
      retriesUntilExpiry = (vt as number) > 0 ? Math.floor((retention as number) / (vt as number)) : null;
    }
  }

  let timeInDlq: Quantity = null;
  if (hasDlq === true) {
    if (isUnknown(p.dlq_retention, p.fifo, timeToDlq)) timeInDlq = 'unknown';
    else if (num(p.dlq_retention) !== null) {
      const dlqRetention = p.dlq_retention as number;
      timeInDlq = p.fifo === true ? dlqRetention : typeof timeToDlq === 'number' ? Math.max(0, dlqRetention - timeToDlq) : null;
    }
  }

  let duplicateWindow: Quantity;
  if (hasDlq === 'unknown' || isUnknown(retention)) duplicateWindow = 'unknown';
  else if (hasDlq) duplicateWindow = timeToDlq === 'unknown' ? 'unknown' : minOf(timeToDlq, num(retention));
  else duplicateWindow = num(retention);

  const { batches, limitedBy } = concurrency(p);
  const maxInFlight: Quantity = isUnknown(batches, p.batch_size) ? 'unknown' : mul(num(batches), num(p.batch_size));

  return {
    mapping: p.mapping,
    queue: p.queue,
    function: p.function,
    dlq: p.dlq,
    fifo: p.fifo,
    max_receives_before_dlq: maxReceives,
    time_to_dlq_seconds: timeToDlq,
    source_retention_seconds: isUnknown(retention) ? 'unknown' : num(retention),
    expires_before_dlq: expiresFirst,
    dlq_retention_seconds: hasDlq === true ? (isUnknown(p.dlq_retention) ? 'unknown' : num(p.dlq_retention)) : null,
    time_in_dlq_seconds: timeInDlq,
    duplicate_window_seconds: duplicateWindow,
    max_concurrent_batches: batches,
    concurrency_limited_by: limitedBy,
    max_messages_in_flight: maxInFlight,
    retries_until_expiry: retriesUntilExpiry,
  };
}

function concurrency(p: PolicyPipeline): { batches: Quantity; limitedBy: RetryBudget['concurrency_limited_by'] } {
  if (isUnknown(p.maximum_concurrency, p.reserved_concurrency)) return { batches: 'unknown', limitedBy: 'unknown' };
  let batches = ACCOUNT_CONCURRENCY_DEFAULT;
  let limitedBy: RetryBudget['concurrency_limited_by'] = 'account default';
  const max = num(p.maximum_concurrency);
  if (max !== null && max < batches) {
    batches = max;
    limitedBy = 'maximum_concurrency';
  }
  // -1 is the AWS provider's "unreserved"
  const reserved = num(p.reserved_concurrency);
  if (reserved !== null && reserved >= 0 && reserved < batches) {
    batches = reserved;
    limitedBy = 'reserved_concurrency';
  }
  return { batches, limitedBy };
}

function mul(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a * b;
}
function minOf(a: Quantity, b: number | null): Quantity {
  if (typeof a !== 'number') return b;
  return b === null ? a : Math.min(a, b);
}
