/**
 * Serial-number patterns. Tokens: {station} the station id, {lot} the lot id, {seq} the device's
 * sequence number in the lot, {seq:N} the same zero-padded to N digits, {yyyy} {mm} {dd} the
 * allocation date (UTC). A pattern must contain {station}, {lot} and {seq} so that two stations,
 * two lots (each lot counts from 1) or two devices of one lot can never render the same serial;
 * the device stores at most 32 bytes
 * (Basic Information SerialNumber, NVM3 0x087201).
 */
import { failure, success, type Result } from '../../../preload/contract/errors';

export const SERIAL_NUMBER_MAX_LENGTH = 32;
/** What the length check assumes for tokens without a fixed width (renderSerialNumber checks the real value). */
export const SERIAL_TOKEN_ASSUMED_WIDTH = { station: 8, lot: 6, seq: 6 } as const;
const MAX_SEQ_WIDTH = 12;
/** Literal text: printable ASCII without braces or spaces, so a serial is safe on a label and in a CSV. */
const LITERAL = /^[!-z|~]*$/;

export type SerialToken = { kind: 'literal'; text: string } | { kind: 'station' | 'lot' | 'yyyy' | 'mm' | 'dd' } | { kind: 'seq'; width: number | null };

export interface SerialPatternCheck {
  /** One sentence per problem, without the field name. */
  readonly problems: readonly string[];
  /** Rendered length with SERIAL_TOKEN_ASSUMED_WIDTH for the variable tokens. */
  readonly assumedLength: number;
}

export function parseSerialPattern(pattern: string): Result<SerialToken[]> {
  const tokens: SerialToken[] = [];
  let rest = pattern;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    const literal = open === -1 ? rest : rest.slice(0, open);
    if (literal.length > 0) {
      if (!LITERAL.test(literal)) return failure('CONFIG_SERIAL_PATTERN_INVALID', `the text "${literal}" has spaces, braces or characters outside printable ASCII`);
      tokens.push({ kind: 'literal', text: literal });
    }
    if (open === -1) break;
    const close = rest.indexOf('}', open);
    if (close === -1) return failure('CONFIG_SERIAL_PATTERN_INVALID', `"${rest.slice(open)}" opens a token that is never closed`);
    const name = rest.slice(open + 1, close);
    const seq = /^seq(?::(\d+))?$/.exec(name);
    if (seq !== null) {
      const width = seq[1] === undefined ? null : Number(seq[1]);
      if (width !== null && (width < 1 || width > MAX_SEQ_WIDTH)) return failure('CONFIG_SERIAL_PATTERN_INVALID', `{${name}}: the width must be 1 to ${MAX_SEQ_WIDTH} digits`);
      tokens.push({ kind: 'seq', width });
    } else if (name === 'station' || name === 'lot' || name === 'yyyy' || name === 'mm' || name === 'dd') {
      tokens.push({ kind: name });
    } else {
      return failure('CONFIG_SERIAL_PATTERN_INVALID', `{${name}} is not a token; use {station}, {lot}, {seq}, {seq:N}, {yyyy}, {mm} or {dd}`);
    }
    rest = rest.slice(close + 1);
  }
  return success(tokens);
}

export function checkSerialPattern(pattern: string): SerialPatternCheck {
  const parsed = parseSerialPattern(pattern);
  if (!parsed.ok) return { problems: [parsed.error.detail ?? parsed.error.message], assumedLength: 0 };
  const tokens = parsed.value;
  const problems: string[] = [];
  if (!tokens.some((token) => token.kind === 'seq')) problems.push('it has no {seq} or {seq:N}, so devices of a lot would get the same serial number');
  if (!tokens.some((token) => token.kind === 'station')) problems.push('it has no {station}, so two stations could hand out the same serial number');
  // {seq} counts from 1 in every lot, so without {lot} the second lot would repeat the first one's serials.
  if (!tokens.some((token) => token.kind === 'lot')) problems.push('it has no {lot}, so two lots would hand out the same serial numbers ({seq} starts again at 1 in each lot)');
  const assumedLength = tokens.reduce((total, token) => total + assumedWidth(token), 0);
  if (assumedLength > SERIAL_NUMBER_MAX_LENGTH) {
    problems.push(
      `it renders to about ${assumedLength} characters (assuming a ${SERIAL_TOKEN_ASSUMED_WIDTH.station}-character station id, ${SERIAL_TOKEN_ASSUMED_WIDTH.lot}-character lot id and ${SERIAL_TOKEN_ASSUMED_WIDTH.seq}-digit {seq}), more than the ${SERIAL_NUMBER_MAX_LENGTH} a device stores`,
    );
  }
  return { problems, assumedLength };
}

export interface SerialValues {
  readonly stationId: string;
  readonly lotId: string | number;
  /** The device's sequence number in the lot, from 1. */
  readonly sequence: number;
  readonly date: Date;
}

/** The serial number for one device; fails when the result is longer than 32 characters or not printable ASCII. */
export function renderSerialNumber(pattern: string, values: SerialValues): Result<string> {
  const parsed = parseSerialPattern(pattern);
  if (!parsed.ok) return parsed;
  if (!Number.isSafeInteger(values.sequence) || values.sequence < 0) return failure('CONFIG_SERIAL_PATTERN_INVALID', `sequence ${values.sequence} is not a whole number`);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  const text = parsed.value
    .map((token) => {
      switch (token.kind) {
        case 'literal':
          return token.text;
        case 'station':
          return values.stationId;
        case 'lot':
          return String(values.lotId);
        case 'seq':
          return token.width === null ? String(values.sequence) : pad(values.sequence, token.width);
        case 'yyyy':
          return pad(values.date.getUTCFullYear(), 4);
        case 'mm':
          return pad(values.date.getUTCMonth() + 1, 2);
        case 'dd':
          return pad(values.date.getUTCDate(), 2);
      }
    })
    .join('');
  if (text.length > SERIAL_NUMBER_MAX_LENGTH) return failure('CONFIG_SERIAL_PATTERN_INVALID', `"${text}" is ${text.length} characters; a device stores at most ${SERIAL_NUMBER_MAX_LENGTH}`);
  if (!LITERAL.test(text)) return failure('CONFIG_SERIAL_PATTERN_INVALID', `"${text}" has spaces, braces or characters outside printable ASCII (check the station and lot ids)`);
  return success(text);
}

function assumedWidth(token: SerialToken): number {
  switch (token.kind) {
    case 'literal':
      return token.text.length;
    case 'station':
      return SERIAL_TOKEN_ASSUMED_WIDTH.station;
    case 'lot':
      return SERIAL_TOKEN_ASSUMED_WIDTH.lot;
    case 'seq':
      return token.width ?? SERIAL_TOKEN_ASSUMED_WIDTH.seq;
    case 'yyyy':
      return 4;
    default:
      return 2;
  }
}
