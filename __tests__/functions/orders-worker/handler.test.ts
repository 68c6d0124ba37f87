import { createHandler, handler } from '../../../functions/orders-worker/handler';
import { InMemoryIdempotencyStore } from '../../../functions/orders-worker/idempotency';
import { Order } from '../../../functions/orders-worker/orders';
import { fifoRecord, orderBody, sqsEvent, sqsRecord } from '../../support/sqs-events';

function worker(processOrder: (order: Order) => Promise<void> = async () => undefined) {
  const processed: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const store = new InMemoryIdempotencyStore(60_000);
  const run = createHandler({
    store,
    processOrder: async (order) => {
      await processOrder(order);
      processed.push(order.orderId);
    },
    now: () => 1_000_000,
    log: (entry) => logs.push(entry),
  });
  return { run, processed, logs, store };
}

describe('orders worker', () => {
  test('reports no failures when every record succeeds', async () => {
    // GIVEN a batch of two valid orders
    const { run, processed } = worker();
    // WHEN the worker runs
    const response = await run(sqsEvent(sqsRecord(orderBody('o-1')), sqsRecord(orderBody('o-2'))));
    // THEN both are processed and none is returned for retry
    expect(response).toEqual({ batchItemFailures: [] });
    expect(processed).toEqual(['o-1', 'o-2']);
  });

  test('returns only the failed records in batchItemFailures', async () => {
    const { run, processed } = worker(async (order) => {
      if (order.orderId === 'o-2') throw new Error('inventory service unavailable');
    });
    const bad = sqsRecord(orderBody('o-2'));
    const response = await run(sqsEvent(sqsRecord(orderBody('o-1')), bad, sqsRecord(orderBody('o-3'))));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    expect(processed).toEqual(['o-1', 'o-3']);
  });

  test.each([
    ['not JSON', 'hello'],
    ['not an object', '42'],
    ['no orderId', JSON.stringify({ lines: [{ sku: 'a', quantity: 1 }] })],
    ['no lines', JSON.stringify({ orderId: 'o-9', lines: [] })],
    ['a bad quantity', JSON.stringify({ orderId: 'o-9', lines: [{ sku: 'a', quantity: 0 }] })],
  ])('fails a record whose body is %s, and logs why', async (_, body) => {
    const { run, logs } = worker();
    const poison = sqsRecord(body, {}, 3);
    const response = await run(sqsEvent(poison));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: poison.messageId }]);
    expect(logs).toContainEqual(expect.objectContaining({ event: 'record_failed', messageId: poison.messageId, receiveCount: 3 }));
  });

  test('skips a redelivered order it already processed (idempotent per order id)', async () => {
    const { run, processed, logs } = worker();
    await run(sqsEvent(sqsRecord(orderBody('o-1'))));
    // WHEN the same order arrives again under a new message id (producer retry or redelivery)
    const response = await run(sqsEvent(sqsRecord(orderBody('o-1'))));
    expect(response.batchItemFailures).toEqual([]);
    expect(processed).toEqual(['o-1']);
    expect(logs).toContainEqual(expect.objectContaining({ event: 'duplicate_skipped', orderId: 'o-1' }));
  });

  test('processes a failed order again on its redelivery', async () => {
    let attempts = 0;
    const { run, processed } = worker(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('timeout talking to the warehouse');
    });
    const first = await run(sqsEvent(sqsRecord(orderBody('o-1'))));
    expect(first.batchItemFailures).toHaveLength(1);
    const second = await run(sqsEvent(sqsRecord(orderBody('o-1'), {}, 2)));
    expect(second.batchItemFailures).toEqual([]);
    expect(processed).toEqual(['o-1']);
  });

  test('on a FIFO queue fails every record after the first failure, keeping group order', async () => {
    const { run, processed } = worker(async (order) => {
      if (order.orderId === 'o-2') throw new Error('boom');
    });
    const records = [1, 2, 3, 4].map((i) => fifoRecord(orderBody(`o-${i}`), 'customer-7', i));
    const response = await run(sqsEvent(...records));
    expect(response.batchItemFailures).toEqual(records.slice(1).map((r) => ({ itemIdentifier: r.messageId })));
    expect(processed).toEqual(['o-1']);
  });

  test('the exported handler runs with its default store', async () => {
    const logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const record = sqsRecord(orderBody('o-exported'));
      await expect(handler(sqsEvent(record))).resolves.toEqual({ batchItemFailures: [] });
      await expect(handler(sqsEvent(sqsRecord('{')))).resolves.toEqual({ batchItemFailures: [expect.any(Object)] });
      expect(logSpy).toHaveBeenCalledWith(expect.stringContaining('"event":"order_processed"'));
    } finally {
      logSpy.mockRestore();
    }
  });
});
