/**
 * Idempotency per message. SQS delivers at least once, and a batch that fails or times out comes back
 * whole, so the worker must be able to see the same order twice. The key is the order's own id (the
 * business key), not the SQS message id: a producer that retries its SendMessage creates a new message
 * id for the same order, and that duplicate must be skipped too.
 *
 * A key is claimed before processing, marked done after, and released when processing fails so the
 * redelivery can try again. The store decides how far the guarantee reaches:
 * - `InMemoryIdempotencyStore` (the default) remembers keys for the life of one warm execution
 *   environment. It catches the common duplicates (a batch retried on the same environment), not all.
 * - For exactly-once effects across environments, pass a store backed by a conditional write
 *   (DynamoDB `PutItem` with `attribute_not_exists(pk)` and a TTL attribute), implementing the same
 *   interface. The TTL should outlive the retry window: maxReceiveCount × visibility timeout.
 */
export type ClaimResult = 'claimed' | 'already-done' | 'in-progress';

export interface IdempotencyStore {
  claim(key: string, nowMs: number): ClaimResult;
  markDone(key: string, nowMs: number): void;
  release(key: string): void;
}

interface Entry {
  readonly state: 'in-progress' | 'done';
  readonly expiresAtMs: number;
}

export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10000,
  ) {}

  claim(key: string, nowMs: number): ClaimResult {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAtMs > nowMs) return entry.state === 'done' ? 'already-done' : 'in-progress';
    this.entries.set(key, { state: 'in-progress', expiresAtMs: nowMs + this.ttlMs });
    this.evictOldest();
    return 'claimed';
  }

  markDone(key: string, nowMs: number): void {
    this.entries.set(key, { state: 'done', expiresAtMs: nowMs + this.ttlMs });
  }

  release(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Maps iterate in insertion order: the first keys are the oldest. */
  private evictOldest(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      this.entries.delete(key);
    }
  }
}
