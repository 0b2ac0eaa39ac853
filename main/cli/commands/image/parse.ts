/** `matterline image parse`: an image back into layout, factory values, certificate summaries, NVM3 statistics. */
import { formatFromFileName, hexAddress, parseFirmware } from '../../../firmware';
import { CREDENTIAL_NAMES } from '../../../silabs/credentialsPage';
import type { FactoryData, FactoryField } from '../../../silabs/factoryData';
import { parseProvisioningImage, type CertificateSummary, type ParsedProvisioningImage, type ProvisioningLayout } from '../../../silabs/image';
import type { PartInfo } from '../../../silabs/parts';
import { readInputFile } from '../../arguments';
import type { CliContext } from '../../context';
import { EXIT_OK, printJson } from '../../output';
import { MAX_IMAGE_BYTES, fail, withFile, readPart } from './shared';
import { imageDataSchema } from './imageData';

export interface ParseOptions {
  part: string;
  nvm3Base?: number;
  credsAddress?: number;
  base?: number;
  layout?: ProvisioningLayout;
}

// parse

/** The order `image parse` prints factory values in: the --data names first, then what only the image has. */
const FIELD_ORDER: readonly FactoryField[] = [
  ...(Object.keys(imageDataSchema.shape).filter((name) => !['dacCert', 'paiCert', 'cd', 'dacKey'].includes(name)) as FactoryField[]),
  'softwareVersionString',
  'credentialsBaseAddress',
  'dacOffset',
  'dacSize',
  'paiOffset',
  'paiSize',
  'cdOffset',
  'cdSize',
  'provisionRequest',
  'provisionVersion',
  'otaTlvEncryptionKeyId',
  'testEventTriggerKey',
];

/** factoryData with the --data names, in a fixed order: bytes as lower-case hex, everything else as stored. */
export function factoryDataJson(data: FactoryData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = [...FIELD_ORDER, ...(Object.keys(data) as FactoryField[]).filter((field) => !FIELD_ORDER.includes(field))];
  for (const field of fields) {
    const value = data[field];
    if (value !== undefined) out[field] = value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value;
  }
  return out;
}

function certificateJson(summary: CertificateSummary): Record<string, unknown> {
  return {
    present: summary.present,
    vendorId: summary.vendorId,
    productId: summary.productId,
    serial: summary.serial,
    ...(summary.productIds === undefined ? {} : { productIds: summary.productIds, certificateId: summary.certificateId ?? null }),
    subject: summary.subject,
    source: summary.source,
    address: summary.address,
    offset: summary.offset,
    size: summary.size,
    error: summary.error,
  };
}

function parsedJson(parsed: ParsedProvisioningImage, extraWarnings: ReadonlyArray<{ code: string; source: string; message: string }>): Record<string, unknown> {
  return {
    layout: parsed.layout,
    factoryData: factoryDataJson(parsed.factoryData),
    certificates: { dac: certificateJson(parsed.certificates.dac), pai: certificateJson(parsed.certificates.pai), cd: certificateJson(parsed.certificates.cd) },
    nvm3: parsed.nvm3,
    warnings: [...extraWarnings, ...parsed.warnings.map(({ code, source, message }) => ({ code, source, message }))],
  };
}

export function parse(context: CliContext, file: string, options: ParseOptions): void {
  const { output } = context;
  const part = readPart(options.part, options);
  if (!part.ok) return fail(context, part.error);
  const bytes = readInputFile(file, 'image', MAX_IMAGE_BYTES);
  if (!bytes.ok) return fail(context, bytes.error);

  const notes: Array<{ code: string; source: string; message: string }> = [];
  const { memory } = part.value;
  let baseAddress = options.base;
  if (baseAddress === undefined && formatFromFileName(file) === 'binary') {
    // What `image build` writes: a single page alone, or from the lowest region (NVM3 below the credentials page).
    baseAddress = bytes.value.length === memory.pageSize ? memory.credentialsPage : Math.min(options.nvm3Base ?? memory.nvm3.base, memory.credentialsPage);
    notes.push({ code: 'base-assumed', source: 'image', message: `no --base given: the .bin file is read as starting at ${hexAddress(baseAddress)}` });
  }
  const image = parseFirmware(bytes.value, { fileName: file, baseAddress });
  if (!image.ok) return fail(context, withFile(image.error, file));
  const parsed = parseProvisioningImage(image.value, part.value, { nvm3Base: options.nvm3Base, layout: options.layout });
  if (!parsed.ok) return fail(context, withFile(parsed.error, file));

  if (output.json) printJson(output, parsedJson(parsed.value, notes));
  else output.write(formatParsed(file, part.value, parsed.value, notes));
  context.setExitCode(EXIT_OK);
}

const HEX_FIELDS = new Set(['vendorId', 'productId', 'credentialsBaseAddress']);

function hex4(value: number | null | undefined): string {
  return value === null || value === undefined ? '(none)' : `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

function formatParsed(file: string, part: PartInfo, parsed: ParsedProvisioningImage, notes: ReadonlyArray<{ message: string }>): string {
  const lines = [`${file}: ${parsed.layout} layout for ${part.orderablePartNumber}`];
  if (parsed.nvm3 !== null) {
    const n = parsed.nvm3;
    lines.push(`  NVM3 ${hexAddress(n.base)}: ${n.pages} pages of ${n.pageSize} bytes, ${n.objects} objects, erase counts ${n.eraseCounts.map((count) => (count === null ? '-' : String(count))).join(' ')}`);
  }
  lines.push(`  credentials ${hexAddress(parsed.credentialsAddress)}`);
  lines.push('  factory data:');
  for (const [field, value] of Object.entries(factoryDataJson(parsed.factoryData))) {
    const shownValue = typeof value === 'number' && HEX_FIELDS.has(field) ? `0x${value.toString(16).toUpperCase().padStart(field === 'credentialsBaseAddress' ? 8 : 4, '0')}` : String(value);
    lines.push(`    ${field.padEnd(24)} ${shownValue}`);
  }
  lines.push('  certificates:');
  for (const name of CREDENTIAL_NAMES) {
    const summary = parsed.certificates[name];
    const label = name.toUpperCase().padEnd(4);
    if (!summary.present) lines.push(`    ${label} (absent)`);
    else if (summary.error !== null) lines.push(`    ${label} unreadable: ${summary.error}`);
    else {
      const id = name === 'cd' ? `certificate id ${summary.certificateId ?? ''}` : `serial ${summary.serial ?? ''}`;
      lines.push(`    ${label} VID ${hex4(summary.vendorId)} PID ${hex4(summary.productId)} ${id} (${summary.size ?? '?'} bytes${summary.offset === null ? '' : ` at +0x${summary.offset.toString(16)}`}, ${summary.source})`);
    }
  }
  if (parsed.dacKey !== null) lines.push(`  DAC key: stored in clear (${parsed.dacKey.length} bytes)`);
  const warnings = [...notes.map((note) => note.message), ...parsed.warnings.map((warning) => warning.message)];
  if (warnings.length === 0) lines.push('  no warnings');
  for (const warning of warnings) lines.push(`  warning: ${warning}`);
  return lines.join('\n');
}
