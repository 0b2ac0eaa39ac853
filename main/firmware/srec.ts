/**
 * Motorola S-record (S19, S28, S37), read and written here: no npm library reads it strictly.
 *
 * A record is "S", a type digit, then hex bytes: a count (bytes that follow), the address (2, 3 or
 * 4 bytes by type), data, and a checksum, the ones' complement of the low byte of the sum of count,
 * address and data. Types: S0 header, S1/S2/S3 data with 16/24/32-bit addresses, S5/S6 count of
 * data records so far, S7/S8/S9 end with a 32/24/16-bit start address. S4 is reserved.
 *
 * An end record's address 0 reads as "no start address" (writers must put some address there).
 *
 * The reader is strict: the header only first, every checksum checked, counts must match, one end
 * record and nothing after it, no byte given twice; errors name the line.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { ADDRESS_SPACE, createFirmwareImage, hexAddress, imageBounds, type FirmwareImage } from './image';
import { checkRecordOverlap, decodeHexDigits, describeLineStart, hexOf, SegmentCollector, splitLines, toBytes, type PlacedRecord } from './textRecords';

/** Address bytes per record type; undefined for S4 (reserved). */
const ADDRESS_BYTES: readonly (number | undefined)[] = [2, 2, 3, 4, undefined, 2, 3, 4, 3, 2];

export interface SrecInfo {
  /** The S0 header's data as text (Latin-1), or null when the file has none. */
  readonly header: string | null;
}

export function parseSrec(input: Uint8Array | string): Result<FirmwareImage> {
  const parsed = parseSrecWithHeader(input);
  return parsed.ok ? success(parsed.value.image) : parsed;
}

export function parseSrecWithHeader(input: Uint8Array | string): Result<{ image: FirmwareImage } & SrecInfo> {
  const source = toBytes(input);
  const lines = splitLines(source);
  const placed: PlacedRecord[] = [];
  const segments = new SegmentCollector();
  let header: string | null = null;
  let dataRecords = 0;
  let startAddress: number | null = null;
  let endLine: number | null = null;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (endLine !== null) return failure('FIRMWARE_DATA_AFTER_END', `line ${line.number} follows the end record on line ${endLine}`);
    if (source[line.start] !== 0x53 && source[line.start] !== 0x73) {
      return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number} starts with ${describeLineStart(source, line)}, not "S"`);
    }
    const typeChar = line.end - line.start > 1 ? source[line.start + 1] : undefined;
    if (typeChar === undefined || typeChar < 0x30 || typeChar > 0x39) {
      return failure('FIRMWARE_RECORD_TYPE_INVALID', `line ${line.number}: "S" is followed by ${typeChar === undefined ? 'nothing' : `"${String.fromCharCode(typeChar)}"`}, not a record type 0–9`);
    }
    const type = typeChar - 0x30;
    const addressBytes = ADDRESS_BYTES[type];
    if (addressBytes === undefined) return failure('FIRMWARE_RECORD_TYPE_INVALID', `line ${line.number}: S4 is a reserved record type`);
    const decoded = decodeHexDigits(source, line, 2, `the S${type} record`);
    if (!decoded.ok) return decoded;
    const record = decoded.value;
    if (record.length < 1 || record[0]! !== record.length - 1) {
      return failure(
        'FIRMWARE_RECORD_MALFORMED',
        record.length < 1 ? `line ${line.number}: the S${type} record has no count byte` : `line ${line.number}: the count byte says ${record[0]} bytes follow, the record holds ${record.length - 1}`,
      );
    }
    if (record.length < 1 + addressBytes + 1) {
      return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: an S${type} record needs ${addressBytes} address bytes and a checksum, it holds ${record.length - 1} bytes`);
    }
    let sum = 0;
    for (let i = 0; i < record.length - 1; i++) sum += record[i]!;
    const expected = ~sum & 0xff;
    if (record[record.length - 1] !== expected) {
      return failure(
        'FIRMWARE_CHECKSUM_MISMATCH',
        `line ${line.number}: checksum 0x${hexOf(record.subarray(record.length - 1))}, the record adds up to 0x${hexOf(Uint8Array.of(expected))}`,
      );
    }
    let address = 0;
    for (let i = 1; i <= addressBytes; i++) address = address * 256 + record[i]!;
    const dataLength = record.length - 2 - addressBytes;

    switch (type) {
      case 0:
        if (index !== 0) return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: an S0 header may only be the first record`);
        header = String.fromCharCode(...record.subarray(1 + addressBytes, record.length - 1));
        break;
      case 1:
      case 2:
      case 3: {
        if (address + dataLength > 2 ** (8 * addressBytes)) {
          return failure('FIRMWARE_ADDRESS_OUT_OF_RANGE', `line ${line.number}: ${dataLength} bytes at ${hexAddress(address)} run past the ${8 * addressBytes}-bit addresses of S${type}`);
        }
        dataRecords++;
        placed.push({ address, length: dataLength, line: line.number });
        segments.add(address, record, 1 + addressBytes, dataLength);
        break;
      }
      case 5:
      case 6:
        if (dataLength !== 0) return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: an S${type} count record carries no data`);
        if (address !== dataRecords) {
          return failure('FIRMWARE_RECORD_COUNT_MISMATCH', `line ${line.number}: S${type} counts ${address} data records, ${dataRecords} came before it`);
        }
        break;
      default:
        if (dataLength !== 0) return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: an S${type} end record carries no data`);
        // Every file must end with S7/S8/S9, so address 0 is what writers put when there is no entry point.
        startAddress = address === 0 ? null : address;
        endLine = line.number;
    }
  }
  if (endLine === null) {
    const last = lines[lines.length - 1];
    return failure('FIRMWARE_TRUNCATED', last === undefined ? 'the file is empty' : `no S7, S8 or S9 end record after line ${last.number}`);
  }
  const overlap = checkRecordOverlap(placed);
  if (!overlap.ok) return overlap;
  const image = createFirmwareImage(segments.segments(), startAddress);
  if (!image.ok) return image;
  return success({ image: image.value, header });
}

export interface SrecWriteOptions {
  /** 16 (S19), 24 (S28) or 32 (S37, what Simplicity Commander writes); 'auto' takes the narrowest that fits. Default 32. */
  readonly addressWidth?: 16 | 24 | 32 | 'auto';
  /** Data bytes per record; default 16. */
  readonly bytesPerRecord?: number;
  /** S0 header text (Latin-1); default "" (S0030000FC); null for no header. */
  readonly header?: string | null;
  /** Write an S5/S6 record counting the data records; default true. */
  readonly recordCount?: boolean;
}

const DATA_TYPE = { 16: 1, 24: 2, 32: 3 } as const;
const END_TYPE = { 16: 9, 24: 8, 32: 7 } as const;
const HEX = Uint8Array.from('0123456789ABCDEF', (char) => char.charCodeAt(0));

/** Writes records straight into ASCII bytes (no intermediate strings: a 1.5 MiB image is ~100 000 records). */
class RecordWriter {
  private out: Uint8Array;
  private length = 0;
  constructor(estimate: number) {
    this.out = new Uint8Array(Math.max(64, estimate));
  }
  private reserve(bytes: number): void {
    if (this.length + bytes <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.length + bytes));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
  }
  private byte(value: number, sum: { total: number }): void {
    this.out[this.length++] = HEX[value >>> 4]!;
    this.out[this.length++] = HEX[value & 15]!;
    sum.total += value;
  }
  record(type: number, address: number, addressBytes: number, data: Uint8Array): void {
    this.reserve(2 + 2 * (addressBytes + data.length + 2) + 1);
    this.out[this.length++] = 0x53; // S
    this.out[this.length++] = 0x30 + type;
    const sum = { total: 0 };
    this.byte(addressBytes + data.length + 1, sum);
    for (let shift = addressBytes - 1; shift >= 0; shift--) this.byte(Math.floor(address / 2 ** (8 * shift)) & 0xff, sum);
    for (let i = 0; i < data.length; i++) this.byte(data[i]!, sum);
    this.byte(~sum.total & 0xff, { total: 0 });
    this.out[this.length++] = 0x0a;
  }
  bytes(): Uint8Array {
    return this.out.slice(0, this.length);
  }
}

export function writeSrec(image: FirmwareImage, options: SrecWriteOptions = {}): Result<Uint8Array> {
  const bounds = imageBounds(image);
  const highest = Math.max(bounds === null ? 0 : bounds.end - 1, image.startAddress ?? 0);
  let width = options.addressWidth ?? 32;
  if (width === 'auto') width = highest <= 0xffff ? 16 : highest <= 0xffffff ? 24 : 32;
  if (width !== 16 && width !== 24 && width !== 32) return failure('FIRMWARE_FORMAT_UNKNOWN', `S-record address width ${String(width)}; use 16, 24 or 32`);
  const addressBytes = width / 8;
  if (highest >= 2 ** width) {
    return failure('FIRMWARE_ADDRESS_OUT_OF_RANGE', `address ${hexAddress(highest)} does not fit the ${width}-bit addresses of S${DATA_TYPE[width]}; use S37`);
  }
  const perRecord = options.bytesPerRecord ?? 16;
  const maxPerRecord = 255 - addressBytes - 1;
  if (!Number.isInteger(perRecord) || perRecord < 1 || perRecord > maxPerRecord) {
    return failure('FIRMWARE_SEGMENT_INVALID', `${String(perRecord)} bytes per record; S${DATA_TYPE[width]} records hold 1–${maxPerRecord}`);
  }

  let dataBytes = 0;
  for (const segment of image.segments) dataBytes += segment.bytes.length;
  const writer = new RecordWriter(2 * dataBytes + (Math.ceil(dataBytes / perRecord) + 4) * (2 * addressBytes + 9));
  const headerText = options.header === undefined ? '' : options.header;
  if (headerText !== null) {
    writer.record(0, 0, 2, Uint8Array.from(headerText.slice(0, 252), (char) => char.charCodeAt(0) & 0xff));
  }
  let count = 0;
  for (const segment of image.segments) {
    for (let offset = 0; offset < segment.bytes.length; offset += perRecord) {
      writer.record(DATA_TYPE[width], segment.address + offset, addressBytes, segment.bytes.subarray(offset, offset + perRecord));
      count++;
    }
  }
  if (options.recordCount !== false && count <= 0xffffff) {
    if (count <= 0xffff) writer.record(5, count, 2, new Uint8Array(0));
    else writer.record(6, count, 3, new Uint8Array(0));
  }
  writer.record(END_TYPE[width], image.startAddress ?? 0, addressBytes, new Uint8Array(0));
  return success(writer.bytes());
}

/** The largest address an S-record of each width can hold data at (for callers choosing a width). */
export const SREC_ADDRESS_LIMITS = { 16: 0xffff, 24: 0xffffff, 32: ADDRESS_SPACE - 1 } as const;
