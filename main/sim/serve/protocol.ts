/**
 * The `sim serve` wire protocol (docs/simulator.md, "sim serve"): newline-delimited JSON, one request
 * per line, answered in order with one response line (programFlash may send progress lines first).
 * Binary data travels as lower-case hex. Trivial to speak from C: write a line, read lines until one
 * carries `"ok"`.
 *
 *   → {"id":1,"op":"hello","token":"…"}                       ← {"id":1,"ok":true,"value":{"protocol":1,"part":"…"}}
 *   → {"id":2,"op":"readDp","register":0}                     ← {"id":2,"ok":true,"value":1805657207}
 *   → {"id":3,"op":"readMemory","address":…,"length":4,"width":32}   ← {"id":3,"ok":true,"value":"ffffffff"}
 *   → {"id":4,"op":"programFlash","address":…,"data":"…"}   ← {"id":4,"progress":{"done":0,"total":8192}} … {"id":4,"ok":true,"value":null}
 *   ← {"id":5,"ok":false,"error":{"code":"PROBE_ACCESS_DENIED","message":"…","fix":"…","detail":"readMemory: …"}}
 */

export const SIM_SERVE_PROTOCOL_VERSION = 1;
/** Longest line either side accepts (a whole 1.5 MiB flash image in hex fits). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export const SIM_SERVE_OPERATIONS = [
  'hello',
  'readDp',
  'writeDp',
  'readAp',
  'writeAp',
  'readMemory',
  'writeMemory',
  'programFlash',
  'reset',
  'halt',
  'go',
  'rttOpen',
  'rttRead',
  'rttWrite',
  'rttClose',
] as const;
export type SimServeOperation = (typeof SIM_SERVE_OPERATIONS)[number];

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Strict: an even number of hex digits, nothing else. */
export function fromHex(text: unknown): Uint8Array | null {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Splits a byte stream into lines; refuses a line longer than the limit. */
export class LineReader {
  private pending = '';
  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: () => void,
  ) {}

  push(chunk: string): void {
    this.pending += chunk;
    let index: number;
    while ((index = this.pending.indexOf('\n')) >= 0) {
      const line = this.pending.slice(0, index).replace(/\r$/, '');
      this.pending = this.pending.slice(index + 1);
      if (line.trim().length > 0) this.onLine(line);
    }
    if (this.pending.length > MAX_LINE_BYTES) {
      this.pending = '';
      this.onOverflow();
    }
  }
}
