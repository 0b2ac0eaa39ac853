/**
 * PEM in and out. Files may be PEM (one or more `-----BEGIN …-----` blocks, text around them is
 * allowed, as `openssl x509 -text` writes it) or raw DER. The reasons returned here end up in the
 * `detail` of CERT_MALFORMED / KEY_MALFORMED / CSR_MALFORMED, so they say exactly what is wrong.
 */

export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
}

export type PemResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;

/** True when the bytes start (after white space) like a PEM file rather than DER. */
export function looksLikePem(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return head.includes('-----BEGIN ');
}

// Not PemConverter: its errors do not say which block is cut off or which character is not base64.
export function decodePemBlocks(text: string): PemResult<PemBlock[]> {
  const blocks: PemBlock[] = [];
  BEGIN.lastIndex = 0;
  for (let match = BEGIN.exec(text); match !== null; match = BEGIN.exec(text)) {
    const label = match[1] as string;
    const bodyStart = match.index + match[0].length;
    const endMarker = `-----END ${label}-----`;
    const endAt = text.indexOf(endMarker, bodyStart);
    if (endAt < 0) return { ok: false, reason: `"-----BEGIN ${label}-----" has no matching "${endMarker}" (the file is cut off or damaged)` };
    const body = text.slice(bodyStart, endAt);
    const decoded = decodeBase64Strict(body);
    if (!decoded.ok) return { ok: false, reason: `the ${label} block is not valid base64: ${decoded.reason}` };
    blocks.push({ label, der: decoded.value });
    BEGIN.lastIndex = endAt + endMarker.length;
  }
  if (blocks.length === 0) return { ok: false, reason: 'no "-----BEGIN …-----" block was found' };
  return { ok: true, value: blocks };
}

function decodeBase64Strict(body: string): PemResult<Uint8Array> {
  const compact = body.replace(/[\r\n\t ]/g, '');
  if (compact.length === 0) return { ok: false, reason: 'the block is empty' };
  const bad = /[^A-Za-z0-9+/=]/.exec(compact);
  if (bad !== null) return { ok: false, reason: `character ${JSON.stringify(bad[0])} is not base64` };
  if (compact.length % 4 !== 0 || /=[^=]/.test(compact)) return { ok: false, reason: 'the base64 text is cut off or padded wrongly' };
  return { ok: true, value: new Uint8Array(Buffer.from(compact, 'base64')) };
}

/**
 * The DER items in a file: every PEM block whose label is one of `labels`, or the bytes themselves
 * when the file is DER. `what` names the expected content in reasons ("certificate").
 */
export function derItemsFromFile(bytes: Uint8Array, labels: readonly string[], what: string): PemResult<Uint8Array[]> {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (!looksLikePem(bytes)) {
    if (bytes[0] !== 0x30) return { ok: false, reason: `it is neither PEM (no "-----BEGIN" line) nor DER (a DER ${what} starts with byte 0x30, this starts with 0x${(bytes[0] as number).toString(16).padStart(2, '0')})` };
    return { ok: true, value: [bytes] };
  }
  const blocks = decodePemBlocks(new TextDecoder('latin1').decode(bytes));
  if (!blocks.ok) return blocks;
  const wanted = blocks.value.filter((block) => labels.includes(block.label));
  if (wanted.length === 0) {
    const found = blocks.value.map((block) => block.label).join(', ');
    return { ok: false, reason: `it holds ${found} but no ${labels.map((label) => `"${label}"`).join(' or ')} block` };
  }
  return { ok: true, value: wanted.map((block) => block.der) };
}

export function encodePem(label: string, der: Uint8Array): string {
  const base64 = Buffer.from(der).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
