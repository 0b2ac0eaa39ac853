/**
 * `matterline attest verify`: judge a DAC + PAI (+ CD) against a PAA or a trust-store folder, with
 * every Matter rule the station knows (docs/matter-attestation.md). Exit codes: 0 valid, 1 invalid
 * (the verdict lists every broken rule), 2 unusable input — a file that cannot be read as what it
 * should be (truncated or garbage certificate, a key on a curve other than P-256, a CD that is not a
 * CMS or is over the size limit, an empty trust folder) — reported with the file and the problem.
 */
import { Option } from 'commander';
import { appError, type AppErrorInfo, type Result } from '../../../preload/contract/errors';
import { verifyAttestation, type AttestationInput } from '../../matter/attestation';
import { decodeCertificationDeclaration } from '../../matter/cd';
import { OID, oidName } from '../../matter/certificates/oids';
import { parseCertificate, type ParsedCertificate } from '../../matter/certificates/parseCertificate';
import { formatUpperHex4 } from '../../matter/certificates/vidPid';
import { loadTrustStoreFolders, type LoadedTrustStore } from '../../services/trustStoreFolders';
import { InvalidArgument, parseInstant, parseInteger, readInputFile } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

interface VerifyOptions {
  dac: string;
  pai: string;
  paa?: string;
  trust?: string[];
  cd?: string;
  cdSigner?: string[];
  at?: Date;
  basicInfoVid?: number;
  basicInfoPid?: number;
}

/** Generous: the CD decoder itself reports an oversize CD (CD_TOO_LARGE) with the limit. */
const MAX_INPUT_BYTES = 1024 * 1024;
const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerAttestCommand: RegisterCommand = (program, context) => {
  const attest = program.command('attest').description('device attestation: verify DAC, PAI, PAA and Certification Declaration');
  attest
    .command('verify')
    .description('verify a DAC and its PAI against a PAA (--paa) or a folder of trusted PAAs (--trust), optionally with the device\'s CD')
    .addOption(new Option('--dac <file>', 'device attestation certificate, PEM or DER').makeOptionMandatory())
    .addOption(new Option('--pai <file>', 'product attestation intermediate, PEM or DER').makeOptionMandatory())
    .addOption(new Option('--paa <file>', 'the PAA to verify against, PEM or DER').conflicts('trust'))
    .addOption(new Option('--trust <dir>', 'folder of trusted PAAs (.pem/.der/.crt/.cer), e.g. a DCL export or the SDK\'s paa-root-certs; repeatable').argParser(collect))
    .addOption(new Option('--cd <file>', 'Certification Declaration (DER CMS) to check against the DAC and PAI'))
    .addOption(
      new Option(
        '--cd-signer <file>',
        'CD signing certificate, PEM or DER; repeatable. There is no built-in list yet: to accept test CDs, pass the CSA test signing certificate (Chip-Test-CD-Signing-Cert.pem) here',
      ).argParser(collect),
    )
    .addOption(new Option('--at <iso>', 'verification time for the DAC\'s validity, ISO 8601 (default: now)').argParser(parseInstant('--at')))
    .addOption(new Option('--basic-info-vid <n>', 'VendorID the device\'s Basic Information reports; the CD must name it').argParser(parseInteger('--basic-info-vid', 0, 0xffff)))
    .addOption(new Option('--basic-info-pid <n>', 'ProductID the device\'s Basic Information reports; the CD must list it').argParser(parseInteger('--basic-info-pid', 0, 0xffff)))
    .action((options: VerifyOptions) => verify(context, options));
};

async function verify(context: CliContext, options: VerifyOptions): Promise<void> {
  if ((options.paa === undefined) === (options.trust === undefined)) throw new InvalidArgument('give the root with --paa FILE or trusted roots with --trust DIR (one of the two)');
  if ((options.basicInfoVid === undefined) !== (options.basicInfoPid === undefined)) throw new InvalidArgument('--basic-info-vid and --basic-info-pid go together');
  if (options.cdSigner !== undefined && options.cd === undefined) throw new InvalidArgument('--cd-signer only makes sense with --cd');

  const dac = readCertificateFile('--dac', options.dac);
  if (!dac.ok) return fail(context, dac.error);
  const pai = readCertificateFile('--pai', options.pai);
  if (!pai.ok) return fail(context, pai.error);

  let root: { paa: Uint8Array } | { trustStore: LoadedTrustStore['store'] };
  let trust: LoadedTrustStore | null = null;
  if (options.paa !== undefined) {
    const paa = readCertificateFile('--paa', options.paa);
    if (!paa.ok) return fail(context, paa.error);
    root = { paa: paa.value.der };
  } else {
    const loaded = loadTrustStoreFolders(options.trust ?? []);
    if (!loaded.ok) return fail(context, loaded.error);
    trust = loaded.value;
    root = { trustStore: trust.store };
  }

  let cd: Uint8Array | undefined;
  if (options.cd !== undefined) {
    const read = readInputFile(options.cd, '--cd', MAX_INPUT_BYTES);
    if (!read.ok) return fail(context, read.error);
    // Only "this is not a CD at all" is bad input; a CD that breaks a rule is part of the verdict.
    const decoded = decodeCertificationDeclaration(read.value);
    if (!decoded.ok && (decoded.error.code === 'CD_MALFORMED' || decoded.error.code === 'CD_TOO_LARGE')) {
      return fail(context, appError(decoded.error.code, `--cd ${options.cd}: ${decoded.error.detail ?? decoded.error.message}`));
    }
    cd = read.value;
  }
  const cdSigners: Uint8Array[] = [];
  for (const file of options.cdSigner ?? []) {
    const signer = readCertificateFile('--cd-signer', file);
    if (!signer.ok) return fail(context, signer.error);
    cdSigners.push(signer.value.der);
  }

  const input: AttestationInput = {
    ...root,
    dac: dac.value.der,
    pai: pai.value.der,
    cd,
    cdSigners,
    now: options.at ?? new Date(),
    basicInformation: options.basicInfoVid !== undefined && options.basicInfoPid !== undefined ? { vendorId: options.basicInfoVid, productId: options.basicInfoPid } : undefined,
  };
  const verdict = await verifyAttestation(input);
  const errors = verdict.problems.map((item) => (item.detail === undefined ? { code: item.code, message: item.message } : { code: item.code, message: item.message, detail: item.detail }));

  if (context.output.json) {
    printJson(context.output, {
      valid: verdict.valid,
      vendorId: verdict.vendorId,
      productId: verdict.productId,
      errors,
      ...(trust === null ? {} : { trustStore: { paas: trust.store.size, rejected: trust.rejected } }),
    });
  } else {
    const ids = `VID ${verdict.vendorId === null ? '?' : `0x${formatUpperHex4(verdict.vendorId)}`} PID ${verdict.productId === null ? '?' : `0x${formatUpperHex4(verdict.productId)}`}`;
    const lines = [verdict.valid ? `VALID: ${ids}` : `INVALID: ${ids}, ${errors.length} problem${errors.length === 1 ? '' : 's'}`];
    for (const error of errors) {
      lines.push(`  ${error.code}: ${error.message}`);
      if (error.detail !== undefined) lines.push(`    detail: ${error.detail}`);
    }
    if (trust !== null) {
      lines.push(`trust store: ${trust.store.size} PAA${trust.store.size === 1 ? '' : 's'}`);
      for (const rejected of trust.rejected) lines.push(`  skipped ${rejected.source}: ${rejected.reason}`);
    }
    context.output.write(lines.join('\n'));
  }
  context.setExitCode(verdict.valid ? EXIT_OK : EXIT_FAILED);
}

/**
 * A certificate file the command cannot work with is bad input (exit 2), named with its option:
 * unreadable, not a single certificate, or a key on another curve than P-256.
 */
function readCertificateFile(option: string, file: string): Result<ParsedCertificate> {
  const read = readInputFile(file, option, MAX_INPUT_BYTES);
  if (!read.ok) return read;
  const parsed = parseCertificate(read.value);
  if (!parsed.ok) return { ok: false, error: appError(parsed.error.code, `${option} ${file}: ${parsed.error.detail ?? parsed.error.message}`) };
  const key = parsed.value.publicKey;
  if (key.algorithm !== OID.ecPublicKey || key.curve !== OID.prime256v1) {
    const found = key.algorithm !== OID.ecPublicKey ? oidName(key.algorithm) : `EC on ${key.curve === null ? 'explicit or unknown curve parameters' : oidName(key.curve)}`;
    return { ok: false, error: appError('CERT_KEY_UNSUPPORTED', `${option} ${file}: the public key is ${found}, not P-256`) };
  }
  return parsed;
}

function fail(context: CliContext, error: AppErrorInfo): void {
  printError(context.output, error);
  context.setExitCode(EXIT_BAD_INPUT);
}
