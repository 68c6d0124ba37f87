import { InMemoryIdempotencyStore } from '../../../functions/orders-worker/idempotency';

describe('InMemoryIdempotencyStore', () => {
  test('claims a new key, then reports it in progress, then done', () => {
    const store = new InMemoryIdempotencyStore(1000);
    expect(store.claim('k', 0)).toBe('claimed');
    expect(store.claim('k', 1)).toBe('in-progress');
    store.markDone('k', 2);
    expect(store.claim('k', 3)).toBe('already-done');
  });

  test('forgets a key after its TTL', () => {
    const store = new InMemoryIdempotencyStore(1000);
    store.claim('k', 0);
    store.markDone('k', 0);
    expect(store.claim('k', 999)).toBe('already-done');
    expect(store.claim('k', 1000)).toBe('claimed');
  });

  test('a released key can be claimed again', () => {
    const store = new InMemoryIdempotencyStore(1000);
    store.claim('k', 0);
    store.release('k');
    expect(store.claim('k', 1)).toBe('claimed');
  });

  test('evicts the oldest keys beyond its capacity', () => {
    const store = new InMemoryIdempotencyStore(1000, 2);
    store.claim('a', 0);
    store.claim('b', 0);
    store.claim('c', 0);
    expect(store.size).toBe(2);
    expect(store.claim('a', 1)).toBe('claimed');
    expect(store.claim('c', 1)).toBe('in-progress');
  });
});
