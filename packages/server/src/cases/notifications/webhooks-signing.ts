import { createHmac } from 'node:crypto';

/** How a webhook delivery is signed, timed and retried (the receiver's side of the contract). */
export const SIGNATURE_HEADER = 'x-civicgrid-signature';
export const TIMESTAMP_HEADER = 'x-civicgrid-timestamp';
export const EVENT_HEADER = 'x-civicgrid-event';
export const DELIVERY_HEADER = 'x-civicgrid-delivery';

/** Give up on a delivery after this many failed attempts. */
export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 3_600_000;
/** A claimed delivery is not claimed again by another process for this long. */
export const LEASE_MS = 60_000;
export const TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: receivers recompute it with the secret. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Back-off before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … capped at 6 h. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1));
}
