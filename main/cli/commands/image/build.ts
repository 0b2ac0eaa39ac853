/** `matterline image build`: factory data + certificates (+ DAC key) → an image at the part's real addresses. */
import path from 'node:path';
import { appError } from '../../../../preload/contract/errors';
import { hexAddress, writeFirmware, type FirmwareFormat } from '../../../firmware';
import { computeSpake2pVerifier } from '../../../matter/spake2p';
import { CREDENTIAL_NAMES, type CredentialName } from '../../../silabs/credentialsPage';
import { decodeBase64Strict, encodeBase64, type FactoryData } from '../../../silabs/factoryData';
import { buildProvisioningImage, readCdFile, readCertificateFile, readDacKey, type ProvisioningLayout } from '../../../silabs/image';
import { readInputFile, writeOutputFile } from '../../arguments';
import type { CliContext } from '../../context';
import { EXIT_OK, printJson } from '../../output';
import { MAX_CREDENTIAL_BYTES, fail, withFile, readPart } from './shared';
import { readData, OUTPUT_FORMATS, FILE_FIELDS } from './imageData';

export interface BuildOptions {
  layout: ProvisioningLayout;
  part: string;
  data: string;
  out: string;
  nvm3Base?: number;
  credsAddress?: number;
}

// build

export async function build(context: CliContext, options: BuildOptions): Promise<void> {
  const { output } = context;
  const format = OUTPUT_FORMATS[/\.([A-Za-z0-9]+)$/.exec(options.out)?.[1]?.toLowerCase() ?? ''] ?? null;
  if (format === null) return fail(context, appError('IMAGE_OUTPUT_FORMAT_UNKNOWN', `--out ${options.out}`));
  const part = readPart(options.part, options);
  if (!part.ok) return fail(context, part.error);
  const data = readData(options.data);
  if (!data.ok) return fail(context, data.error);
  const values = data.value;
  const folder = path.dirname(options.data);
  const resolve = (file: string) => (path.isAbsolute(file) ? file : path.join(folder, file));
  const notes: Array<{ code: string; source: string; message: string }> = [];

  if (options.layout === 'nvm3' && values.dacKey !== undefined) return fail(context, appError('IMAGE_DAC_KEY_NOT_STORED', `${options.data}: dacKey ${values.dacKey}`));
  if (options.layout === 'single-page' && values.dacKey === undefined) return fail(context, appError('IMAGE_DAC_KEY_REQUIRED', `${options.data}: no dacKey`));

  const certificates = {} as Record<CredentialName, Uint8Array>;
  let dacPoint: Uint8Array | null = null;
  for (const name of CREDENTIAL_NAMES) {
    const field = FILE_FIELDS[name];
    const file = resolve(values[field]);
    const bytes = readInputFile(file, field, MAX_CREDENTIAL_BYTES);
    if (!bytes.ok) return fail(context, bytes.error);
    const read = name === 'cd' ? readCdFile(bytes.value) : readCertificateFile(name, bytes.value);
    if (!read.ok) return fail(context, withFile(read.error, `${field} ${file}`));
    certificates[name] = read.value.der;
    if (name === 'dac') dacPoint = read.value.point;
  }
  let dacKey: Uint8Array | undefined;
  if (values.dacKey !== undefined) {
    const file = resolve(values.dacKey);
    const bytes = readInputFile(file, 'dacKey', MAX_CREDENTIAL_BYTES);
    if (!bytes.ok) return fail(context, bytes.error);
    const key = readDacKey(bytes.value, dacPoint);
    if (!key.ok) return fail(context, withFile(key.error, `dacKey ${file}`));
    dacKey = key.value;
  }

  // The verifier must belong to the passcode, salt and iterations (pitfall 7.11): compute it, and check a given one.
  const salt = decodeBase64Strict(values.spake2pSalt) as Uint8Array;
  const verifier = await computeSpake2pVerifier({ passcode: values.passcode, salt, iterations: values.spake2pIterations });
  if (!verifier.ok) return fail(context, withFile(verifier.error, options.data));
  const computed = encodeBase64(verifier.value.verifier);
  if (values.spake2pVerifier !== undefined && values.spake2pVerifier !== computed) {
    return fail(context, appError('FACTORY_VERIFIER_MISMATCH', `${options.data}: spake2pVerifier is not the verifier of passcode ${values.passcode}, this salt and ${values.spake2pIterations} iterations`));
  }

  let keyId = values.keyId;
  if (options.layout === 'single-page' && keyId !== undefined) {
    notes.push({ code: 'key-id-dropped', source: 'image', message: `keyId ${keyId} is not stored by the single-page layout (the DAC key itself is); ignored` });
    keyId = undefined;
  }
  const factoryData: FactoryData = {
    serialNumber: values.serialNumber,
    vendorId: values.vendorId,
    vendorName: values.vendorName,
    productId: values.productId,
    productName: values.productName,
    productLabel: values.productLabel,
    productUrl: values.productUrl,
    partNumber: values.partNumber,
    hardwareVersion: values.hardwareVersion,
    hardwareVersionString: values.hardwareVersionString,
    manufacturingDate: values.manufacturingDate,
    uniqueId: values.uniqueId,
    discriminator: values.discriminator,
    passcode: values.passcode,
    commissioningFlow: values.commissioningFlow,
    discoveryCapabilities: values.discoveryCapabilities,
    spake2pIterations: values.spake2pIterations,
    spake2pSalt: values.spake2pSalt,
    spake2pVerifier: computed,
    keyId,
  };
  const built = buildProvisioningImage({ part: part.value, layout: options.layout, factoryData: dropUndefined(factoryData), certificates, dacKey });
  if (!built.ok) return fail(context, withFile(built.error, options.data));

  const written = writeFirmware(built.value, format);
  if (!written.ok) return fail(context, withFile(written.error, `--out ${options.out}`));
  const saved = writeOutputFile(options.out, 'image', written.value);
  if (!saved.ok) return fail(context, saved.error);

  const fileBase = format === 'binary' ? Math.min(...built.value.regions.map((region) => region.address)) : null;
  const warnings = [...notes, ...built.value.warnings.map(({ code, source, message }) => ({ code, source, message }))];
  if (output.json) {
    printJson(output, {
      ok: true,
      out: options.out,
      format,
      layout: options.layout,
      part: part.value.orderablePartNumber,
      regions: built.value.regions.map((region) => ({ name: region.name, address: region.address, size: region.size })),
      fileBaseAddress: fileBase,
      bytes: written.value.length,
      warnings,
    });
  } else {
    const lines = [`Wrote ${options.out} (${formatName(format)}, ${written.value.length} bytes): ${options.layout} layout for ${part.value.orderablePartNumber}`];
    for (const region of built.value.regions) lines.push(`  ${region.name.padEnd(12)} ${hexAddress(region.address)}–${hexAddress(region.address + region.size - 1)} (${region.size} bytes)`);
    if (fileBase !== null) lines.push(`  the first byte of the .bin file belongs at ${hexAddress(fileBase)} (give --base ${hexAddress(fileBase)} to flash or parse it)`);
    for (const warning of warnings) lines.push(`  warning: ${warning.message}`);
    output.write(lines.join('\n'));
  }
  context.setExitCode(EXIT_OK);
}

function dropUndefined(data: FactoryData): FactoryData {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as FactoryData;
}

function formatName(format: FirmwareFormat): string {
  return format === 'intel-hex' ? 'Intel HEX' : format === 'srec' ? 'Motorola S-record' : 'raw binary';
}
