/**
 * `matterline cd`: Certification Declarations (docs/matter-cd.md).
 *   cd inspect FILE [--signer-cert F ...]   decode a CD, optionally verify its signature and signer
 *   cd create …                               make a development CD signed with a given key
 * Exit codes: 0 ok; 1 a signing certificate was given and the CD does not verify (bad signature,
 * unknown signer, or a test key on an official CD); 2 unusable input — a file that cannot be read as
 * what it should be (truncated, garbage, oversize CD; a certificate or key that is not P-256) —
 * reported with the file and the problem.
 */
import crypto from 'node:crypto';
import { Option } from 'commander';
import { appError, type AppErrorInfo, type Result } from '../../../preload/contract/errors';
import type { AttestationProblem } from '../../matter/attestationProblem';
import {
  CD_KEY_ID_LENGTH,
  CertificationType,
  certificationTypeName,
  checkCdContent,
  createCertificationDeclaration,
  decodeCertificationDeclaration,
  inspectSignerCertificate,
  verifyCertificationDeclaration,
  type CdContent,
  type CdSignerCertificateInfo,
} from '../../matter/cd';
import { derItemsFromFile, looksLikePem } from '../../matter/certificates/pem';
import { InvalidArgument, parseInteger, readInputFile, writeOutputFile } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

/** Generous: the CD decoder itself reports an oversize CD (CD_TOO_LARGE, 790 bytes) with the limit. */
const MAX_INPUT_BYTES = 1024 * 1024;
const collect = (value: string, previous: string[] = []) => [...previous, value];

interface InspectOptions {
  signerCert?: string[];
}

interface CreateOptions {
  vid: number;
  pid: number[];
  deviceType: number;
  certificateId: string;
  signerCert: string;
  signerKey: string;
  out: string;
  certificationType: number;
  securityLevel: number;
  securityInformation: number;
  versionNumber: number;
  dacOriginVid?: number;
  dacOriginPid?: number;
  authorizedPaaSkid?: Uint8Array[];
}

/** The JSON document of `cd inspect` (keys as the issue names them). */
export interface CdInspectJson {
  formatVersion: number;
  vendorId: number;
  productIds: number[];
  deviceTypeId: number;
  certificateId: string;
  securityLevel: number;
  securityInformation: number;
  versionNumber: number;
  certificationType: number;
  dacOriginVendorId: number | null;
  dacOriginProductId: number | null;
  authorizedPaaList: string[] | null;
  signerKeyId: string;
  signatureValid: boolean | null;
}

export const registerCdCommand: RegisterCommand = (program, context) => {
  const cd = program.command('cd').description('Certification Declarations: inspect and verify one, or create a development CD');
  cd.command('inspect')
    .description('decode a Certification Declaration (DER or PEM CMS); with --signer-cert also verify its signature and signer')
    .argument('<file>', 'the Certification Declaration')
    .addOption(new Option('--signer-cert <file>', 'CD signing certificate(s), PEM or DER; repeatable; the CD\'s key id picks one').argParser(collect))
    .action((file: string, options: InspectOptions) => inspect(context, file, options));

  cd.command('create')
    .description('create a development Certification Declaration signed with a given key (for demo and test lots)')
    .addOption(new Option('--vid <n>', 'vendor_id').argParser(parseInteger('--vid', 0, 0xffff)).makeOptionMandatory())
    .addOption(new Option('--pid <n[,n...]>', 'product_id_array: 1 to 100 product ids, comma-separated or repeated').argParser(parseProductIds).makeOptionMandatory())
    .addOption(new Option('--device-type <n>', 'device_type_id').argParser(parseInteger('--device-type', 0, 0xffffffff)).makeOptionMandatory())
    .addOption(new Option('--certificate-id <text>', 'certificate_id, exactly 19 characters (e.g. ZIG20141ZB330001-24)').makeOptionMandatory())
    .addOption(new Option('--signer-cert <file>', 'the signing certificate (PEM or DER); its subject key identifier becomes the CD\'s key id').makeOptionMandatory())
    .addOption(new Option('--signer-key <file>', 'its private key: PEM PKCS#8 or SEC1 EC P-256 (DER accepted too)').makeOptionMandatory())
    .addOption(new Option('--out <file>', 'where to write the CD (DER)').makeOptionMandatory())
    .addOption(
      new Option('--certification-type <n>', '0 development and test, 1 provisional, 2 official (never with the CSA test key)')
        .argParser(parseInteger('--certification-type', 0, 2))
        .default(CertificationType.developmentAndTest),
    )
    .addOption(new Option('--security-level <n>', 'security_level').argParser(parseInteger('--security-level', 0, 0xff)).default(0))
    .addOption(new Option('--security-information <n>', 'security_information').argParser(parseInteger('--security-information', 0, 0xffff)).default(0))
    .addOption(new Option('--version-number <n>', 'version_number').argParser(parseInteger('--version-number', 0, 0xffff)).default(0))
    .addOption(new Option('--dac-origin-vid <n>', 'dac_origin_vendor_id (with --dac-origin-pid): the DAC chain belongs to this vendor').argParser(parseInteger('--dac-origin-vid', 0, 0xffff)))
    .addOption(new Option('--dac-origin-pid <n>', 'dac_origin_product_id (with --dac-origin-vid)').argParser(parseInteger('--dac-origin-pid', 0, 0xffff)))
    .addOption(new Option('--authorized-paa-skid <hex>', 'subject key identifier (20 bytes, hex) of a PAA allowed to root the DAC chain; repeatable, at most 10').argParser(parseKeyIds))
    .action((options: CreateOptions) => create(context, options));
};

function parseProductIds(value: string, previous: number[] = []): number[] {
  const parse = parseInteger('--pid', 0, 0xffff);
  const ids = value.split(',').map((part) => {
    if (part.trim() === '') throw new InvalidArgument(`--pid ${value}: an empty product id in the list`);
    return parse(part);
  });
  return [...previous, ...ids];
}

function parseKeyIds(value: string, previous: Uint8Array[] = []): Uint8Array[] {
  const compact = value.replace(/[\s:]/g, '');
  if (!/^[0-9a-f]*$/i.test(compact) || compact.length !== CD_KEY_ID_LENGTH * 2) {
    throw new InvalidArgument(`--authorized-paa-skid ${value}: expected ${CD_KEY_ID_LENGTH} bytes as ${CD_KEY_ID_LENGTH * 2} hex digits (colons allowed)`);
  }
  return [...previous, new Uint8Array(Buffer.from(compact, 'hex'))];
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
const hex16 = (value: number) => `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;

function fail(context: CliContext, error: AppErrorInfo, code = EXIT_BAD_INPUT): void {
  printError(context.output, error);
  context.setExitCode(code);
}

/** A CD file: DER, or PEM (any label, e.g. CMS or PKCS7) holding one block. */
function readCdFile(file: string): Result<Uint8Array> {
  const read = readInputFile(file, 'Certification Declaration', MAX_INPUT_BYTES);
  if (!read.ok || !looksLikePem(read.value)) return read;
  const items = derItemsFromFile(read.value, ['CMS', 'PKCS7', 'CERTIFICATION DECLARATION'], 'Certification Declaration');
  if (!items.ok) return { ok: false, error: appError('CD_MALFORMED', `Certification Declaration ${file}: ${items.reason}`) };
  if (items.value.length !== 1) return { ok: false, error: appError('CD_MALFORMED', `Certification Declaration ${file}: it holds ${items.value.length} blocks; give one declaration per file`) };
  return { ok: true, value: items.value[0] as Uint8Array };
}

/** The certificates of a signing-certificate file (PEM bundle or one DER), each checked. */
function readSignerCertificates(file: string): Result<Array<{ der: Uint8Array; info: CdSignerCertificateInfo }>> {
  const read = readInputFile(file, 'CD signing certificate', MAX_INPUT_BYTES);
  if (!read.ok) return read;
  const items = derItemsFromFile(read.value, ['CERTIFICATE'], 'certificate');
  if (!items.ok) return { ok: false, error: appError('CD_SIGNER_CERT_INVALID', `CD signing certificate ${file}: ${items.reason}`) };
  const certificates: Array<{ der: Uint8Array; info: CdSignerCertificateInfo }> = [];
  for (const [index, der] of items.value.entries()) {
    const info = inspectSignerCertificate(der);
    const which = items.value.length === 1 ? file : `${file} (certificate ${index + 1})`;
    if (!info.ok) return { ok: false, error: appError('CD_SIGNER_CERT_INVALID', `CD signing certificate ${which}: ${info.error.detail ?? ''}`) };
    certificates.push({ der, info: info.value });
  }
  return { ok: true, value: certificates };
}

function toJson(content: CdContent, signerKeyId: string, signatureValid: boolean | null): CdInspectJson {
  return {
    formatVersion: content.formatVersion,
    vendorId: content.vendorId,
    productIds: [...content.productIds],
    deviceTypeId: content.deviceTypeId,
    certificateId: content.certificateId,
    securityLevel: content.securityLevel,
    securityInformation: content.securityInformation,
    versionNumber: content.versionNumber,
    certificationType: content.certificationType,
    dacOriginVendorId: content.dacOriginVendorId ?? null,
    dacOriginProductId: content.dacOriginProductId ?? null,
    authorizedPaaList: content.authorizedPaaList?.map(hex) ?? null,
    signerKeyId,
    signatureValid,
  };
}

function formatTable(title: string, content: CdContent, signerKeyId: string, signatureLine: string): string {
  const pids = content.productIds.length === 0 ? '(none)' : content.productIds.map(hex16).join(', ');
  const rows: Array<[string, string]> = [
    ['format version', String(content.formatVersion)],
    ['vendor id', `${hex16(content.vendorId)} (${content.vendorId})`],
    [`product ids (${content.productIds.length})`, pids],
    ['device type id', `0x${content.deviceTypeId.toString(16).toUpperCase().padStart(4, '0')} (${content.deviceTypeId})`],
    ['certificate id', content.certificateId],
    ['security level', String(content.securityLevel)],
    ['security information', String(content.securityInformation)],
    ['version number', `${hex16(content.versionNumber)} (${content.versionNumber})`],
    ['certification type', `${content.certificationType} (${certificationTypeName(content.certificationType)})`],
    ['DAC origin', content.dacOriginVendorId === undefined ? '(none)' : `vendor ${hex16(content.dacOriginVendorId)}, product ${hex16(content.dacOriginProductId ?? 0)}`],
    ['authorized PAAs', content.authorizedPaaList === undefined ? '(any: no list)' : content.authorizedPaaList.length === 0 ? '(empty list: none)' : content.authorizedPaaList.map(hex).join('\n' + ' '.repeat(24))],
    ['signer key id', signerKeyId],
    ['signature', signatureLine],
  ];
  return [title, ...rows.map(([name, value]) => `  ${name.padEnd(21)} ${value}`)].join('\n');
}

function problemLines(problems: readonly AttestationProblem[], prefix: string): string[] {
  return problems.map((entry) => `${prefix} ${entry.code}: ${entry.message}${entry.detail === undefined ? '' : ` (${entry.detail})`}`);
}

async function inspect(context: CliContext, file: string, options: InspectOptions): Promise<void> {
  const { output } = context;
  const read = readCdFile(file);
  if (!read.ok) return fail(context, read.error);
  const der = read.value;
  const decoded = decodeCertificationDeclaration(der);
  if (!decoded.ok) return fail(context, appError(decoded.error.code, `Certification Declaration ${file}: ${decoded.error.detail ?? ''}`));
  const { content } = decoded.value;
  const signerKeyId = hex(decoded.value.signerKeyId);

  const signerFiles = options.signerCert ?? [];
  const certificates: Uint8Array[] = [];
  for (const signerFile of signerFiles) {
    const read = readSignerCertificates(signerFile);
    if (!read.ok) return fail(context, read.error);
    certificates.push(...read.value.map((entry) => entry.der));
  }

  let signatureValid: boolean | null = null;
  let signatureLine = 'not checked (no --signer-cert given)';
  let verifyProblems: readonly AttestationProblem[] = [];
  if (signerFiles.length > 0) {
    const verified = await verifyCertificationDeclaration(der, certificates);
    if (!verified.ok) return fail(context, appError(verified.error.code, `${file}: ${verified.error.detail ?? ''}`));
    signatureValid = verified.value.signatureValid;
    verifyProblems = verified.value.problems;
    const signer = verified.value.signer === 'csa-test' ? 'the CSA test signing key' : verified.value.signer === 'imported' ? 'an imported signing certificate' : 'no certificate with this key id';
    signatureLine = `${signatureValid ? 'valid' : 'INVALID'} (${signer})`;
  }
  const contentProblems = checkCdContent(content);

  if (output.json) {
    printJson(output, toJson(content, signerKeyId, signatureValid));
    // stdout holds exactly the document; the reasons go to stderr.
    for (const line of problemLines(verifyProblems, 'problem')) output.writeError(line);
    for (const line of problemLines(contentProblems, 'warning')) output.writeError(line);
  } else {
    const lines = [formatTable(`Certification Declaration ${file} (${der.length} bytes)`, content, signerKeyId, signatureLine)];
    if (decoded.value.ignoredElements > 0) lines.push(`  note: ${decoded.value.ignoredElements} element(s) after the known fields were ignored`);
    lines.push(...problemLines(verifyProblems, '  FAIL'), ...problemLines(contentProblems, '  WARN'));
    if (signerFiles.length > 0 && verifyProblems.length === 0) lines.push('The declaration verifies.');
    output.write(lines.join('\n'));
  }
  context.setExitCode(signerFiles.length > 0 && verifyProblems.length > 0 ? EXIT_FAILED : EXIT_OK);
}

/** Reads a P-256 private key (PEM PKCS#8 / SEC1, or DER) into a WebCrypto signing key and its SPKI. */
async function readSigningKey(file: string): Promise<Result<{ key: CryptoKey; publicKey: Uint8Array }>> {
  const read = readInputFile(file, 'CD signing key', MAX_INPUT_BYTES);
  if (!read.ok) return read;
  let keyObject: crypto.KeyObject | null = null;
  const errors: string[] = [];
  const attempts: crypto.PrivateKeyInput[] = looksLikePem(read.value)
    ? [{ key: Buffer.from(read.value), format: 'pem' }]
    : [
        { key: Buffer.from(read.value), format: 'der', type: 'pkcs8' },
        { key: Buffer.from(read.value), format: 'der', type: 'sec1' },
      ];
  for (const attempt of attempts) {
    try {
      keyObject = crypto.createPrivateKey(attempt);
      break;
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (keyObject === null) return { ok: false, error: appError('CD_SIGNING_KEY_INVALID', `CD signing key ${file}: not a readable private key (${errors.join('; ')})`) };
  const curve = keyObject.asymmetricKeyDetails?.namedCurve;
  if (keyObject.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    return { ok: false, error: appError('CD_SIGNING_KEY_INVALID', `CD signing key ${file}: a ${keyObject.asymmetricKeyType ?? 'unknown'} key${curve === undefined ? '' : ` on ${curve}`}, not EC P-256`) };
  }
  const pkcs8 = keyObject.export({ type: 'pkcs8', format: 'der' });
  const key = await globalThis.crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const spki = crypto.createPublicKey(keyObject).export({ type: 'spki', format: 'der' });
  return { ok: true, value: { key, publicKey: new Uint8Array(spki.subarray(spki.length - 65)) } };
}

async function create(context: CliContext, options: CreateOptions): Promise<void> {
  const { output } = context;
  if ((options.dacOriginVid === undefined) !== (options.dacOriginPid === undefined)) throw new InvalidArgument('--dac-origin-vid and --dac-origin-pid go together');

  const certificates = readSignerCertificates(options.signerCert);
  if (!certificates.ok) return fail(context, certificates.error);
  if (certificates.value.length !== 1) return fail(context, appError('CD_SIGNER_CERT_INVALID', `CD signing certificate ${options.signerCert}: it holds ${certificates.value.length} certificates; give the one signing certificate`));
  const signerCertificate = certificates.value[0] as { der: Uint8Array; info: CdSignerCertificateInfo };
  const subjectKeyId = signerCertificate.info.subjectKeyId;
  if (subjectKeyId === null || subjectKeyId.length !== CD_KEY_ID_LENGTH) {
    return fail(context, appError('CD_SIGNER_CERT_INVALID', `CD signing certificate ${options.signerCert}: ${subjectKeyId === null ? 'it has no subject key identifier' : `its subject key identifier is ${subjectKeyId.length} bytes, not ${CD_KEY_ID_LENGTH}`}; a CD names its signer by that key id`));
  }

  const signingKey = await readSigningKey(options.signerKey);
  if (!signingKey.ok) return fail(context, signingKey.error);
  if (hex(signingKey.value.publicKey) !== hex(signerCertificate.info.publicKey)) {
    return fail(context, appError('CD_SIGNING_KEY_MISMATCH', `key ${options.signerKey} does not match certificate ${options.signerCert}`));
  }

  // Policy (fact sheet §3.3): the CSA test key signs development and provisional CDs only.
  const testSigner = signerCertificate.info.csaTest;
  if (testSigner && options.certificationType === CertificationType.official) {
    return fail(context, appError('CD_TEST_KEY_NOT_ALLOWED', `--certification-type 2 (official) with ${options.signerCert}, the CSA test signing key: every verifier would refuse it`));
  }

  const content: CdContent = {
    formatVersion: 1,
    vendorId: options.vid,
    productIds: options.pid,
    deviceTypeId: options.deviceType,
    certificateId: options.certificateId,
    securityLevel: options.securityLevel,
    securityInformation: options.securityInformation,
    versionNumber: options.versionNumber,
    certificationType: options.certificationType,
    ...(options.dacOriginVid !== undefined && options.dacOriginPid !== undefined ? { dacOriginVendorId: options.dacOriginVid, dacOriginProductId: options.dacOriginPid } : {}),
    ...(options.authorizedPaaSkid !== undefined ? { authorizedPaaList: options.authorizedPaaSkid } : {}),
  };
  const created = await createCertificationDeclaration(content, { privateKey: signingKey.value.key, subjectKeyId });
  if (!created.ok) return fail(context, created.error);

  // Check what we made the way a commissioner would, before writing it.
  const verified = await verifyCertificationDeclaration(created.value, [signerCertificate.der]);
  if (!verified.ok || !verified.value.signatureValid) {
    return fail(context, appError('CD_SIGNING_KEY_MISMATCH', `the declaration made with ${options.signerKey} does not verify with ${options.signerCert}`));
  }
  const written = writeOutputFile(options.out, 'Certification Declaration', created.value);
  if (!written.ok) return fail(context, written.error);

  const note = testSigner && options.certificationType === CertificationType.provisional ? 'note: a provisional CD signed with the CSA test key is accepted today, but the Matter SDK plans to refuse it (connectedhomeip issue #42460)' : null;
  const signerKeyId = hex(subjectKeyId);
  if (output.json) {
    printJson(output, { ok: true, out: options.out, bytes: created.value.length, signer: testSigner ? 'csa-test' : 'imported', ...toJson(content, signerKeyId, true) });
    if (note !== null) output.writeError(note);
  } else {
    const lines = [formatTable(`Wrote Certification Declaration ${options.out} (${created.value.length} bytes)`, content, signerKeyId, `valid (${testSigner ? 'the CSA test signing key' : 'the signing certificate given'})`)];
    if (note !== null) lines.push(`  ${note}`);
    output.write(lines.join('\n'));
  }
  context.setExitCode(EXIT_OK);
}
