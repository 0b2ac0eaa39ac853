/**
 * `matterline probe`: the EFR32 debug sequences (main/target) on one probe (docs/probes.md).
 *   probe identify     --probe P                      part number, series, EUI-64, flash and page size
 *   probe lock-status  --probe P                      locked, lock configured, device erase, secure debug
 *   probe lock         --probe P --mode standard|permanent|secure [--confirm]   then a reset
 *   probe erase        --probe P --confirm            device erase (wipes the attestation data), then a reset
 *   probe read         --probe P --address A --length N --out FILE
 * Exit codes: 0 ok; 1 the device or the check failed (a locked part refusing a read, the SE refusing
 * an erase); 2 bad input (address, options, a missing --confirm).
 */
import { Option } from 'commander';
import { success, type AppErrorInfo, type ErrorCode, type Result } from '../../../preload/contract/errors';
import type { DebugPort } from '../../probes/debugPort';
import { openProbe } from '../../probes/open';
import { applyLock, deviceErase, identify, readLockStatus, readRegion, type LockMode, type LockStatus } from '../../target';
import { InvalidArgument, parseInteger, writeOutputFile } from '../arguments';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

const BAD_INPUT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['PROBE_ADDRESS_INVALID', 'PROBE_ADDRESS_UNAVAILABLE', 'TARGET_ERASE_NOT_CONFIRMED', 'TARGET_REGION_INVALID', 'FILE_NOT_WRITABLE', 'CLI_BAD_ARGUMENT']);

function fail(context: CliContext, error: AppErrorInfo): void {
  printError(context.output, error);
  context.setExitCode(BAD_INPUT_CODES.has(error.code) ? EXIT_BAD_INPUT : EXIT_FAILED);
}

/** What a command prints once the board's state is safely saved. */
type Report = () => void;

/** Open the probe, run `body`, persist a simulated board's state (even after a failure: the board changed), then report and close. */
async function withProbe(context: CliContext, address: string, body: (port: DebugPort) => Promise<Result<Report>>): Promise<void> {
  const opened = await openProbe(address);
  if (!opened.ok) return fail(context, opened.error);
  const { port, save } = opened.value;
  try {
    const result = await body(port);
    const saved = await save();
    if (!result.ok) return fail(context, result.error);
    if (!saved.ok) return fail(context, saved.error);
    result.value();
    context.setExitCode(EXIT_OK);
  } finally {
    await port.close();
  }
}

function lockStatusReport(status: LockStatus): Record<string, boolean> {
  return { locked: status.locked, debugLockConfigured: status.debugLockConfigured, deviceEraseEnabled: status.deviceEraseEnabled, secureDebugEnabled: status.secureDebugEnabled };
}

function formatLockStatus(status: LockStatus): string {
  const yes = (value: boolean): string => (value ? 'yes' : 'no');
  return [
    `debug port locked:     ${yes(status.locked)}`,
    `debug lock configured: ${yes(status.debugLockConfigured)}`,
    `device erase enabled:  ${yes(status.deviceEraseEnabled)}`,
    `secure debug enabled:  ${yes(status.secureDebugEnabled)}`,
  ].join('\n');
}

const probeOption = (): Option => new Option('--probe <address>', 'probe address: sim:PART[@STATEFILE][?options], jlink:SERIAL, serial:PATH (docs/probes.md)').makeOptionMandatory();

export const registerProbeCommand: RegisterCommand = (program, context) => {
  const probe = program.command('probe').description('EFR32 over a debug probe: identify, lock status, lock, device erase, read memory');

  probe
    .command('identify')
    .description('read the part number, series, EUI-64, flash and page size from DEVINFO')
    .addOption(probeOption())
    .action((options: { probe: string }) =>
      withProbe(context, options.probe, async (port) => {
        const identity = await identify(port);
        if (!identity.ok) return identity;
        const { partNumber, series, eui64, flashSize, pageSize } = identity.value;
        return success(() => {
          if (context.output.json) printJson(context.output, { partNumber, series, eui64, flashSize, pageSize });
          else context.output.write([`part number: ${partNumber}`, `series:      ${series}`, `EUI-64:      ${eui64}`, `flash:       ${flashSize} bytes (${flashSize / 1024} KiB)`, `page size:   ${pageSize} bytes`].join('\n'));
        });
      }),
    );

  probe
    .command('lock-status')
    .description('read the debug lock state (Series 2 through the Secure Engine, Series 1 from the AAP and lock word)')
    .addOption(probeOption())
    .action((options: { probe: string }) =>
      withProbe(context, options.probe, async (port) => {
        const status = await readLockStatus(port);
        if (!status.ok) return status;
        return success(() => {
          if (context.output.json) printJson(context.output, lockStatusReport(status.value));
          else context.output.write(formatLockStatus(status.value));
        });
      }),
    );

  probe
    .command('lock')
    .description('apply a debug lock and reset so it takes effect (permanent and secure cannot be undone)')
    .addOption(probeOption())
    .addOption(new Option('--mode <mode>', 'standard (device erase still unlocks), permanent (never again), secure (needs a command key)').choices(['standard', 'permanent', 'secure']).makeOptionMandatory())
    .option('--confirm', 'confirm a permanent or secure lock, which disables device erase for good')
    .action((options: { probe: string; mode: LockMode; confirm?: boolean }) => {
      if (options.mode !== 'standard' && options.confirm !== true) {
        throw new InvalidArgument(`--mode ${options.mode} disables device erase for good: the part can never be erased or unlocked${options.mode === 'secure' ? ' except by secure-debug challenge' : ''}; add --confirm if that is intended`);
      }
      return withProbe(context, options.probe, async (port) => {
        const status = await applyLock(port, options.mode);
        if (!status.ok) return status;
        return success(() => {
          if (context.output.json) printJson(context.output, { mode: options.mode, ...lockStatusReport(status.value) });
          else context.output.write([`Applied the ${options.mode} debug lock and reset the part.`, formatLockStatus(status.value)].join('\n'));
        });
      });
    });

  probe
    .command('erase')
    .description('device erase: wipes ALL flash, including the Matter attestation credentials and NVM3, and unlocks; needs --confirm')
    .addOption(probeOption())
    .option('--confirm', 'confirm that all flash, including the attestation data, is to be wiped')
    .action((options: { probe: string; confirm?: boolean }) =>
      withProbe(context, options.probe, async (port) => {
        const status = await deviceErase(port, { confirmed: options.confirm === true });
        if (!status.ok) return status;
        return success(() => {
          if (context.output.json) printJson(context.output, { erased: true, ...lockStatusReport(status.value) });
          else context.output.write(['Device erased and reset.', formatLockStatus(status.value)].join('\n'));
        });
      }),
    );

  probe
    .command('read')
    .description('read a memory region into a file')
    .addOption(probeOption())
    .addOption(new Option('--address <addr>', 'start address (decimal or 0x-hex)').argParser(parseInteger('--address', 0, 0xffff_ffff)).makeOptionMandatory())
    .addOption(new Option('--length <n>', 'number of bytes, up to 16 MiB').argParser(parseInteger('--length', 1, 16 * 1024 * 1024)).makeOptionMandatory())
    .addOption(new Option('--out <file>', 'where to write the bytes').makeOptionMandatory())
    .action((options: { probe: string; address: number; length: number; out: string }) =>
      withProbe(context, options.probe, async (port) => {
        const bytes = await readRegion(port, options.address, options.length);
        if (!bytes.ok) return bytes;
        const written = writeOutputFile(options.out, 'memory dump', bytes.value);
        if (!written.ok) return written;
        const address = `0x${options.address.toString(16).toUpperCase().padStart(8, '0')}`;
        return success(() => {
          if (context.output.json) printJson(context.output, { address, length: bytes.value.length, out: options.out });
          else context.output.write(`Wrote ${bytes.value.length} bytes from ${address} to ${options.out}`);
        });
      }),
    );
};
