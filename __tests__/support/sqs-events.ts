import type { SQSEvent, SQSRecord } from 'aws-lambda';

const QUEUE_ARN = 'arn:aws:sqs:us-east-1:111122223333:orders-dev';

/** A record as the Lambda poller delivers it (shape from the AWS documentation's example event). */
export function sqsRecord(body: string, overrides: Partial<SQSRecord> = {}, receiveCount = 1): SQSRecord {
  const n = Math.floor(Math.random() * 1e9);
  return {
    messageId: `059f36b4-87a3-44ab-83d2-${String(n).padStart(12, '0')}`,
    receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a${n}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1545082649183',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1545082649185',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: QUEUE_ARN,
    awsRegion: 'us-east-1',
    ...overrides,
  };
}

export function fifoRecord(body: string, groupId: string, sequence: number): SQSRecord {
  const record = sqsRecord(body, { eventSourceARN: `${QUEUE_ARN}.fifo` });
  return {
    ...record,
    attributes: { ...record.attributes, MessageGroupId: groupId, SequenceNumber: String(sequence), MessageDeduplicationId: `d${sequence}` },
  };
}

export const orderBody = (orderId: string): string => JSON.stringify({ orderId, lines: [{ sku: 'SKU-1', quantity: 2 }] });

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
