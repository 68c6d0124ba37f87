/** How the output formats write durations and quantities of the retry budget. */
import { Quantity } from '../engine/report';

/** 345600 -> "4 d", 5400 -> "1 h 30 min", 180 -> "3 min", 45 -> "45 s". Two largest units. */
export function formatDuration(seconds: Quantity): string {
  if (seconds === null) return '–';
  if (seconds === 'unknown') return 'unknown';
  if (seconds === 0) return '0 s';
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) {
      parts.push(`${n} ${unit}`);
      rest -= n * size;
    } else if (parts.length > 0) {
      break;
    }
  }
  return parts.join(' ');
}

export function formatQuantity(x: Quantity | boolean): string {
  if (x === null) return '–';
  if (typeof x === 'boolean') return x ? 'yes' : 'no';
  return String(x);
}
