/** The business side of the worker: what an order message is and what processing it means. */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface Order {
  readonly orderId: string;
  readonly lines: readonly OrderLine[];
}

/** A message that can never succeed: retrying it is pointless, the DLQ is where it belongs. */
export class InvalidOrderError extends Error {}

export function parseOrder(body: string): Order {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidOrderError('body is not JSON');
  }
  if (typeof value !== 'object' || value === null) throw new InvalidOrderError('body is not a JSON object');
  const { orderId, lines } = value as Record<string, unknown>;
  if (typeof orderId !== 'string' || orderId === '') throw new InvalidOrderError('orderId must be a non-empty string');
  if (!Array.isArray(lines) || lines.length === 0) throw new InvalidOrderError('lines must be a non-empty array');
  for (const line of lines) {
    const { sku, quantity } = (line ?? {}) as Record<string, unknown>;
    if (typeof sku !== 'string' || sku === '') throw new InvalidOrderError('every line needs a sku');
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      throw new InvalidOrderError(`quantity of ${sku} must be a positive integer`);
    }
  }
  return { orderId, lines: lines as OrderLine[] };
}
