/**
 * Intel HEX. Two layers:
 *  - our record pass reads every line strictly (":" start, even hex digits, length byte, checksum,
 *    record types 00–05 with their fixed lengths, one EOF record at the end, no data twice) so each
 *    error names its line, which the library's messages do not;
 *  - nrf-intel-hex (Nordic Semiconductor, BSD-3) then assembles the validated records into memory
 *    blocks (MemoryMap.fromHex) and writes HEX (MemoryMap.asHexString: an 04 record before the
 *    first data record and at every 64 KiB boundary, 16 data bytes per record, EOF last).
 * The library ignores start-address records (03/05); our pass reads them and the writer adds an 05
 * record before EOF when the image has a start address. The library also cannot hold data at
 * 0x80000000 or above (its 04 arithmetic turns such addresses negative and MemoryMap refuses them);
 * no EFR32 memory lies there, and files that do use it are assembled from our own validated records.
 */
import MemoryMap from 'nrf-intel-hex';
import { failure, success, type Result } from '../../preload/contract/errors';
import { ADDRESS_SPACE, createFirmwareImage, hexAddress, type FirmwareImage, type FirmwareSegment } from './image';
import { checkRecordOverlap, decodeHexDigits, describeLineStart, hexOf, SegmentCollector, splitLines, toBytes, type PlacedRecord, type TextLine } from './textRecords';

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();

const RECORD_NAMES = ['data', 'end of file', 'extended segment address', 'start segment address', 'extended linear address', 'start linear address'];
/** Data length each non-data record type must have. */
const FIXED_LENGTHS: Readonly<Record<number, number>> = { 1: 0, 2: 2, 3: 4, 4: 2, 5: 4 };

export function parseIntelHex(input: Uint8Array | string): Result<FirmwareImage> {
  const source = toBytes(input);
  const lines = splitLines(source);
  const placed: PlacedRecord[] = [];
  const data = new SegmentCollector();
  let highHalf = false;
  const validated: TextLine[] = [];
  let validatedLength = 0;
  let base = 0;
  let startAddress: number | null = null;
  let endLine: number | null = null;

  for (const line of lines) {
    if (endLine !== null) return failure('FIRMWARE_DATA_AFTER_END', `line ${line.number} follows the end-of-file record on line ${endLine}`);
    if (source[line.start] !== 0x3a) return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number} starts with ${describeLineStart(source, line)}, not ":"`);
    const decoded = decodeHexDigits(source, line, 1, 'the record');
    if (!decoded.ok) return decoded;
    const record = decoded.value;
    if (record.length < 5) return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: ${record.length} byte(s), shorter than the 5 of an empty record`);
    const length = record[0]!;
    if (record.length !== length + 5) {
      return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: the length byte says ${length} data bytes, the record holds ${record.length - 5}`);
    }
    let sum = 0;
    for (const byte of record) sum += byte;
    if ((sum & 0xff) !== 0) {
      const expected = (0x100 - ((sum - record[record.length - 1]!) & 0xff)) & 0xff;
      return failure(
        'FIRMWARE_CHECKSUM_MISMATCH',
        `line ${line.number}: checksum 0x${hexOf(record.subarray(record.length - 1))}, the record adds up to 0x${expected.toString(16).toUpperCase().padStart(2, '0')}`,
      );
    }
    const offset = (record[1]! << 8) | record[2]!;
    const type = record[3]!;
    const payload = record;
    if (type > 5) return failure('FIRMWARE_RECORD_TYPE_INVALID', `line ${line.number}: record type 0x${hexOf(record.subarray(3, 4))}; Intel HEX defines 00–05`);
    if (type !== 0) {
      if (length !== FIXED_LENGTHS[type]) {
        return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: a ${RECORD_NAMES[type]} record has ${FIXED_LENGTHS[type]} data bytes, not ${length}`);
      }
      if (offset !== 0) return failure('FIRMWARE_RECORD_MALFORMED', `line ${line.number}: a ${RECORD_NAMES[type]} record must have address 0000`);
    }
    switch (type) {
      case 0: {
        if (offset + length > 0x10000) {
          return failure('FIRMWARE_ADDRESS_OUT_OF_RANGE', `line ${line.number}: ${length} bytes at offset 0x${offset.toString(16).toUpperCase()} wrap past the 64 KiB window`);
        }
        const address = base + offset;
        if (address + length > ADDRESS_SPACE) return failure('FIRMWARE_ADDRESS_OUT_OF_RANGE', `line ${line.number}: data at ${hexAddress(address)} runs past 0xFFFFFFFF`);
        placed.push({ address, length, line: line.number });
        data.add(address, record, 4, length);
        if (address + length > 0x80000000) highHalf = true;
        break;
      }
      case 1:
        endLine = line.number;
        break;
      case 2:
        base = ((payload[4]! << 8) | payload[5]!) * 16;
        break;
      case 3:
        startAddress = ((payload[4]! << 8) | payload[5]!) * 16 + ((payload[6]! << 8) | payload[7]!);
        break;
      case 4:
        base = ((payload[4]! << 8) | payload[5]!) * 0x10000;
        break;
      case 5:
        startAddress = ((payload[4]! << 24) | (payload[5]! << 16) | (payload[6]! << 8) | payload[7]!) >>> 0;
        break;
    }
    // Empty data records carry nothing, and the library would take one as a duplicate of data at the same address.
    if (type !== 0 || length > 0) {
      validated.push(line);
      validatedLength += line.end - line.start + 1;
    }
  }
  if (endLine === null) {
    const last = lines[lines.length - 1];
    return failure('FIRMWARE_TRUNCATED', last === undefined ? 'the file is empty' : `no end-of-file record (:00000001FF) after line ${last.number}`);
  }
  const overlap = checkRecordOverlap(placed);
  if (!overlap.ok) return overlap;
  if (highHalf) return createFirmwareImage(data.segments(), startAddress);

  let blocks: MemoryMap;
  try {
    blocks = MemoryMap.fromHex(joinLines(source, validated, validatedLength));
  } catch (error) {
    // Not expected after the record pass; kept so a library surprise is still a result.
    return failure('FIRMWARE_RECORD_MALFORMED', `nrf-intel-hex: ${error instanceof Error ? error.message : String(error)}`);
  }
  const segments: FirmwareSegment[] = [];
  for (const [address, bytes] of blocks) segments.push({ address, bytes });
  return createFirmwareImage(segments, startAddress);
}

/** The validated lines as one text, "\n" between them, decoded once. */
function joinLines(source: Uint8Array, lines: readonly TextLine[], length: number): string {
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const line of lines) {
    for (let i = line.start; i < line.end; i++) joined[offset++] = source[i]!;
    joined[offset++] = 0x0a;
  }
  return textDecoder.decode(joined);
}

export interface IntelHexWriteOptions {
  /** Data bytes per record, 1–255; default 16. */
  readonly bytesPerRecord?: number;
}

export function writeIntelHex(image: FirmwareImage, options: IntelHexWriteOptions = {}): Result<Uint8Array> {
  const perRecord = options.bytesPerRecord ?? 16;
  if (!Number.isInteger(perRecord) || perRecord < 1 || perRecord > 255) {
    return failure('FIRMWARE_SEGMENT_INVALID', `${String(perRecord)} bytes per record; Intel HEX allows 1–255`);
  }
  const blocks = new MemoryMap();
  for (const segment of image.segments) {
    // nrf-intel-hex refuses a block whose end reaches 2^32 exactly.
    if (segment.address + segment.bytes.length > 0xffffffff) {
      return failure('FIRMWARE_ADDRESS_OUT_OF_RANGE', `data up to ${hexAddress(segment.address + segment.bytes.length - 1)} reaches the last address, which the HEX writer cannot express`);
    }
    blocks.set(segment.address, segment.bytes);
  }
  let text: string;
  try {
    text = blocks.asHexString(perRecord);
  } catch (error) {
    return failure('FIRMWARE_SEGMENT_INVALID', `nrf-intel-hex: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (image.startAddress !== null) {
    const s = image.startAddress >>> 0;
    const record = Uint8Array.of(4, 0, 0, 5, s >>> 24, (s >>> 16) & 0xff, (s >>> 8) & 0xff, s & 0xff);
    let sum = 0;
    for (const byte of record) sum += byte;
    const eof = text.lastIndexOf(':00000001FF');
    text = `${text.slice(0, eof)}:${hexOf(record)}${hexOf(Uint8Array.of((0x100 - (sum & 0xff)) & 0xff))}\n${text.slice(eof)}`;
  }
  return success(textEncoder.encode(`${text}\n`));
}
