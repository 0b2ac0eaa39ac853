/**
 * `matterline dac issue`: issue one DAC under a PAI, for a fresh host-generated key pair (written to
 * --out-key with mode 0600) or for a device's CSR (the key stays on the chip). Exit codes: 0 issued,
 * 1 an output file could not be written, 2 bad input (unreadable or non-conforming PAI, key or CSR,
 * VID/PID outside the PAI's scope).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { appError, type AppErrorInfo } from '../../../preload/contract/errors';
import { formatUpperHex4 } from '../../matter/certificates/vidPid';
import { issueDac, prepareDacIssuer, type IssuedDac } from '../../matter/dac';
import { InvalidArgument, parseInstant, parseInteger, readInputFile, writeOutputFile } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

interface IssueOptions {
  paiCert: string;
  paiKey: string;
  vid: number;
  pid: number;
  csr?: string;
  outKey?: string;
  outCert: string;
  notAfter?: Date;
  commonName?: string;
}

export const registerDacCommand: RegisterCommand = (program, context) => {
  const dac = program.command('dac').description('device attestation certificates (DACs)');
  dac
    .command('issue')
    .description('issue a DAC signed by a PAI, for a new P-256 key pair (--out-key) or a device CSR (--csr)')
    .addOption(new Option('--pai-cert <file>', 'PAI certificate, PEM or DER').makeOptionMandatory())
    .addOption(new Option('--pai-key <file>', 'PAI private key, PEM or DER (SEC1 or PKCS#8), unencrypted').makeOptionMandatory())
    .addOption(new Option('--vid <n>', 'vendor ID, 0x0001..0xFFFE (must be the PAI\'s)').makeOptionMandatory().argParser(parseInteger('--vid', 0x0001, 0xfffe)))
    .addOption(new Option('--pid <n>', 'product ID, 0x0001..0xFFFF (must be the PAI\'s when the PAI names one)').makeOptionMandatory().argParser(parseInteger('--pid', 0x0001, 0xffff)))
    .addOption(new Option('--csr <file>', 'device CSR (PKCS#10, EC P-256), PEM or DER; the key stays on the device').conflicts('outKey'))
    .addOption(new Option('--out-key <file>', 'where to write the new private key (PEM, or DER for .der); created with mode 0600, never overwritten'))
    .addOption(new Option('--out-cert <file>', 'where to write the DAC (DER when the name ends in .der, PEM otherwise)').makeOptionMandatory())
    .addOption(new Option('--not-after <iso>', 'expiry, ISO 8601 (default 9999-12-31T23:59:59Z: no well-defined expiry)').argParser(parseInstant('--not-after')))
    .addOption(new Option('--common-name <text>', 'subject CN, up to 64 characters (default "Matter DAC")'))
    .action((options: IssueOptions) => issue(context, options));
};

function issue(context: CliContext, options: IssueOptions): void {
  if (options.csr === undefined && options.outKey === undefined) {
    throw new InvalidArgument('a new key pair needs --out-key FILE to keep its private key; or give the device CSR with --csr FILE');
  }
  const paiCert = readInputFile(options.paiCert, '--pai-cert', 1024 * 1024);
  if (!paiCert.ok) return fail(context, paiCert.error);
  const paiKey = readInputFile(options.paiKey, '--pai-key', 1024 * 1024);
  if (!paiKey.ok) return fail(context, paiKey.error);
  const issuer = prepareDacIssuer(paiCert.value, paiKey.value);
  if (!issuer.ok) {
    const code = issuer.error.code;
    const file =
      code === 'KEY_MISMATCH' ? `--pai-key ${options.paiKey} with --pai-cert ${options.paiCert}` : code.startsWith('KEY_') ? `--pai-key ${options.paiKey}` : `--pai-cert ${options.paiCert}`;
    return fail(context, named(issuer.error, file));
  }
  let csr: Uint8Array | undefined;
  if (options.csr !== undefined) {
    const read = readInputFile(options.csr, '--csr', 1024 * 1024);
    if (!read.ok) return fail(context, read.error);
    csr = read.value;
  }

  const issued = issueDac(issuer.value, { vendorId: options.vid, productId: options.pid, now: new Date(), notAfter: options.notAfter, csr, commonName: options.commonName });
  if (!issued.ok) return fail(context, issued.error.code.startsWith('CSR_') ? named(issued.error, `--csr ${options.csr ?? ''}`) : issued.error);
  const dac = issued.value;

  const files: { certificate: string; privateKey?: string } = { certificate: options.outCert };
  if (options.outKey !== undefined && dac.keyPair !== null) {
    const written = writePrivateKey(options.outKey, dac);
    if (written !== null) return fail(context, written);
    files.privateKey = options.outKey;
  }
  const certificateBytes = isDer(options.outCert) ? dac.certificate : dac.certificatePem;
  const written = writeOutputFile(options.outCert, '--out-cert', certificateBytes);
  if (!written.ok) return fail(context, written.error);

  const report = {
    serial: dac.serialNumber,
    subjectKeyId: dac.subjectKeyId,
    vendorId: dac.vendorId,
    productId: dac.productId,
    notBefore: dac.notBefore.toISOString(),
    notAfter: dac.notAfter.toISOString(),
    files,
  };
  if (context.output.json) printJson(context.output, report);
  else {
    context.output.write(
      [
        `DAC issued: VID 0x${formatUpperHex4(dac.vendorId)} PID 0x${formatUpperHex4(dac.productId)}, serial ${dac.serialNumber}`,
        `  subject key id ${dac.subjectKeyId}`,
        `  valid ${report.notBefore} to ${report.notAfter}`,
        `  certificate: ${files.certificate}`,
        ...(files.privateKey === undefined ? [] : [`  private key: ${files.privateKey} (mode 0600)`]),
      ].join('\n'),
    );
  }
  context.setExitCode(EXIT_OK);
}

/** The private key file: created new (never overwriting a key) and readable by the owner only. */
function writePrivateKey(file: string, dac: IssuedDac): AppErrorInfo | null {
  const key = dac.keyPair?.privateKey;
  if (key === undefined) return appError('INTERNAL', 'no private key to write');
  const bytes = isDer(file) ? key.export({ type: 'sec1', format: 'der' }) : (dac.privateKeyPem ?? '');
  try {
    fs.writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(file, 0o600);
    return null;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'the file already exists; a private key is never overwritten' : error instanceof Error ? error.message : String(error);
    return appError('FILE_NOT_WRITABLE', `--out-key ${file}: ${reason}`);
  }
}

function isDer(file: string): boolean {
  return path.extname(file).toLowerCase() === '.der';
}

function named(error: AppErrorInfo, file: string): AppErrorInfo {
  return appError(error.code, `${file}: ${error.detail ?? error.message}`);
}

function fail(context: CliContext, error: AppErrorInfo): void {
  printError(context.output, error);
  context.setExitCode(error.code === 'FILE_NOT_WRITABLE' || error.code === 'INTERNAL' ? EXIT_FAILED : EXIT_BAD_INPUT);
}

