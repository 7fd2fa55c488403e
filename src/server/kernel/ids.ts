/** Time-ordered string ids (UUIDv7, RFC 9562), monotonic within a process. */
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

export function newId(nowMs = Date.now()): string {
  // 12-bit counter in rand_a keeps ids created in the same millisecond ordered.
  if (nowMs <= lastMs) {
    seq++;
    if (seq > 0xfff) {
      lastMs++;
      seq = 0;
    }
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    seq = 0;
  }
  const b = randomBytes(16);
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
