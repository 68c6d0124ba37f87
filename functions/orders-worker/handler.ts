import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { IdempotencyStore, InMemoryIdempotencyStore } from './idempotency';
import { Order, parseOrder } from './orders';

export type ProcessOrder = (order: Order, record: SQSRecord) => Promise<void>;

export interface WorkerDeps {
  readonly store: IdempotencyStore;
  readonly processOrder: ProcessOrder;
  readonly now?: () => number;
  readonly log?: (entry: Record<string, unknown>) => void;
}

const isFifo = (record: SQSRecord): boolean => record.eventSourceARN.endsWith('.fifo');

/**
 * Processes each record on its own and reports only the failed ones in `batchItemFailures` (the
 * mapping has ReportBatchItemFailures on), so one bad record does not re-run the whole batch.
 * On a FIFO queue the first failure also fails every later record of the batch: processing them now
 * would overtake the failed one and break the order within its message group.
 */
export function createHandler(deps: WorkerDeps): (event: SQSEvent) => Promise<SQSBatchResponse> {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  return async (event) => {
    const batchItemFailures: SQSBatchItemFailure[] = [];
    let fifoBlocked = false;
    for (const record of event.Records) {
      if (fifoBlocked) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        continue;
      }
      try {
        await processRecord(record, deps, now, log);
      } catch (error) {
        log({
          level: 'error',
          event: 'record_failed',
          messageId: record.messageId,
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
          reason: error instanceof Error ? error.message : String(error),
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
        fifoBlocked = isFifo(record);
      }
    }
    return { batchItemFailures };
  };
}

async function processRecord(
  record: SQSRecord,
  deps: WorkerDeps,
  now: () => number,
  log: (entry: Record<string, unknown>) => void,
): Promise<void> {
  const order = parseOrder(record.body);
  const claim = deps.store.claim(order.orderId, now());
  if (claim === 'already-done') {
    log({ level: 'info', event: 'duplicate_skipped', orderId: order.orderId, messageId: record.messageId });
    return;
  }
  if (claim === 'in-progress') throw new Error(`order ${order.orderId} is being processed by another delivery`);
  try {
    await deps.processOrder(order, record);
  } catch (error) {
    deps.store.release(order.orderId);
    throw error;
  }
  deps.store.markDone(order.orderId, now());
  log({ level: 'info', event: 'order_processed', orderId: order.orderId, messageId: record.messageId });
}

/** What processing an order means in this example: accept it and record the fact in the logs. */
const acceptOrder: ProcessOrder = async () => undefined;

// Remember orders for as long as a redelivery can arrive (default: one hour).
const ttlSeconds = Number(process.env.IDEMPOTENCY_TTL_SECONDS ?? '3600');

export const handler = createHandler({
  store: new InMemoryIdempotencyStore(ttlSeconds * 1000),
  processOrder: acceptOrder,
});
