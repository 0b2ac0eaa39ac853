/**
 * `matterline onboarding encode|decode`: the QR payload ("MT:…") and manual pairing code printed on
 * a device's label, from its VID, PID, discriminator, passcode, flow and discovery capabilities, and
 * back. Values are checked with the same rules the product configuration and read-back use.
 */
import { Option } from 'commander';
import type { AppErrorInfo } from '../../../preload/contract/errors';
import { failure, type Result } from '../../../preload/contract/errors';
import {
  checkSetupPayload,
  CommissioningFlow,
  decodeManualCode,
  decodeQrCode,
  DiscoveryCapability,
  encodeManualCode,
  encodeQrCode,
  QR_PREFIX,
  renderQrCodePng,
  type SetupPayload,
} from '../../matter/onboarding';
import { parseInteger, writeOutputFile } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_OK, printError, printJson } from '../output';

interface EncodeOptions {
  vid: number;
  pid: number;
  discriminator: number;
  passcode: number;
  flow: number;
  capabilities: number;
  qrPng?: string;
}

/** Wide parse ranges on purpose: the onboarding rules then say which rule a value breaks. */
const anyNumber = (option: string) => parseInteger(option, 0, Number.MAX_SAFE_INTEGER);

export const registerOnboardingCommand: RegisterCommand = (program, context) => {
  const onboarding = program.command('onboarding').description('Matter onboarding codes: QR payload (MT:…) and manual pairing code');

  onboarding
    .command('encode')
    .description('make the QR payload and manual pairing code (and optionally a QR image) for a device')
    .addOption(new Option('--vid <n>', 'vendor ID, 0x0001..0xFFF4').makeOptionMandatory().argParser(anyNumber('--vid')))
    .addOption(new Option('--pid <n>', 'product ID, 0x0001..0xFFFF').makeOptionMandatory().argParser(anyNumber('--pid')))
    .addOption(new Option('--discriminator <n>', '12-bit discriminator, 0..4095').makeOptionMandatory().argParser(anyNumber('--discriminator')))
    .addOption(new Option('--passcode <n>', 'setup passcode, 1..99999998').makeOptionMandatory().argParser(anyNumber('--passcode')))
    .addOption(new Option('--flow <n>', 'commissioning flow: 0 standard, 1 user intent, 2 custom').default(CommissioningFlow.Standard).argParser(anyNumber('--flow')))
    .addOption(
      new Option('--capabilities <n>', 'discovery capabilities: 0x01 SoftAP, 0x02 BLE, 0x04 on network')
        .default(DiscoveryCapability.BLE, '0x02 (BLE)')
        .argParser(anyNumber('--capabilities')),
    )
    .option('--qr-png <file>', 'also write the QR code as a PNG image')
    .action(async (options: EncodeOptions) => {
      const payload: SetupPayload = {
        version: 0,
        vendorId: options.vid,
        productId: options.pid,
        flow: options.flow,
        capabilities: options.capabilities,
        discriminator: options.discriminator,
        passcode: options.passcode,
      };
      const checked = checkSetupPayload(payload, { mode: 'produce' });
      if (!checked.ok) return fail(context, checked.error);
      const qr = encodeQrCode(payload);
      const manual = encodeManualCode(payload);
      if (!qr.ok) return fail(context, qr.error);
      if (!manual.ok) return fail(context, manual.error);
      if (options.qrPng !== undefined) {
        const written = writeOutputFile(options.qrPng, 'QR image', await renderQrCodePng(qr.value));
        if (!written.ok) return fail(context, written.error);
      }
      if (context.output.json) printJson(context.output, { qr: qr.value, manual: manual.value });
      else {
        const lines = [`QR code:     ${qr.value}`, `Manual code: ${manual.value}`];
        if (options.qrPng !== undefined) lines.push(`QR image:    ${options.qrPng}`);
        context.output.write(lines.join('\n'));
      }
      context.setExitCode(EXIT_OK);
    });

  onboarding
    .command('decode')
    .description('read a QR payload (MT:…) or an 11/21-digit manual pairing code')
    .argument('<code>', 'the MT:… text or the manual pairing code (dashes and spaces allowed)')
    .action((code: string) => {
      const decoded = decodeOnboardingCode(code);
      if (!decoded.ok) return fail(context, decoded.error);
      const { kind: _kind, ...fields } = decoded.value;
      if (context.output.json) printJson(context.output, fields);
      else context.output.write(formatDecoded(decoded.value));
      context.setExitCode(EXIT_OK);
    });
};

type DecodedReport =
  | { kind: 'qr'; vendorId: number; productId: number; flow: number; capabilities: number; discriminator: number; passcode: number; optionalDataHex?: string }
  | { kind: 'manual'; vendorId: number | null; productId: number | null; flow: number; capabilities: null; shortDiscriminator: number; passcode: number };

/** "MT:…" is a QR payload; digits (with dashes/spaces) a manual code; anything else is neither. */
function decodeOnboardingCode(code: string): Result<DecodedReport> {
  const text = code.trim();
  if (/^[\d\s-]+$/.test(text)) {
    const manual = decodeManualCode(text);
    if (!manual.ok) return manual;
    const { vendorId, productId, flow, shortDiscriminator, passcode } = manual.value;
    return { ok: true, value: { kind: 'manual', vendorId, productId, flow, capabilities: null, shortDiscriminator, passcode } };
  }
  if (!text.startsWith(QR_PREFIX)) {
    return failure('QR_PREFIX_MISSING', `${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)} is neither MT:… QR text nor an 11/21-digit manual code`);
  }
  const qr = decodeQrCode(text);
  if (!qr.ok) return qr;
  const { vendorId, productId, flow, capabilities, discriminator, passcode, optionalData } = qr.value;
  return {
    ok: true,
    value: {
      kind: 'qr',
      vendorId,
      productId,
      flow,
      capabilities,
      discriminator,
      passcode,
      ...(optionalData.length > 0 ? { optionalDataHex: Buffer.from(optionalData).toString('hex') } : {}),
    },
  };
}

function formatDecoded(report: DecodedReport): string {
  const hex = (value: number | null) => (value === null ? '(not in an 11-digit code)' : `0x${value.toString(16).toUpperCase().padStart(4, '0')} (${value})`);
  const lines = [
    report.kind === 'qr' ? 'QR payload' : 'Manual pairing code',
    `  vendor ID:      ${hex(report.vendorId)}`,
    `  product ID:     ${hex(report.productId)}`,
    `  flow:           ${report.flow}`,
    `  capabilities:   ${report.capabilities === null ? '(not in a manual code)' : `0x${report.capabilities.toString(16).padStart(2, '0')}`}`,
    report.kind === 'qr' ? `  discriminator:  ${report.discriminator}` : `  short discriminator: ${report.shortDiscriminator}`,
    `  passcode:       ${String(report.passcode).padStart(8, '0')}`,
  ];
  if (report.kind === 'qr' && report.optionalDataHex !== undefined) lines.push(`  optional data (TLV, not interpreted): ${report.optionalDataHex}`);
  return lines.join('\n');
}

function fail(context: CliContext, error: AppErrorInfo): void {
  printError(context.output, error);
  context.setExitCode(EXIT_BAD_INPUT);
}
