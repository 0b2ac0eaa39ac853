/**
 * `matterline probes list [--json] [--jlink-lib PATH]`: the J-Link probes SEGGER's library sees over
 * USB, without opening any of them, and which library answered (docs/probes.md). The library is
 * found by preflight's search: --jlink-lib, MATTERLINE_JLINK_LIB, the standard install folders.
 * (Not to be confused with `matterline probe`, which runs debug sequences on one probe.)
 * Exit codes: 0 the list (empty when there is no library or no probe: neither is an error);
 * 1 a library was found but did not load, is too old, or failed to list.
 */
import type { Command } from 'commander';
import { listProbes } from '../../probes/jlink/jlinkSession';
import { loadJlinkLibrary } from '../../probes/jlink/library';
import type { CliContext, RegisterCommand } from '../context';
import { EXIT_FAILED, EXIT_OK, printError, printJson } from '../output';

export interface ListedProbe {
  readonly kind: 'jlink';
  readonly serial: number;
  readonly product: string;
  /** What `--probe` takes. */
  readonly address: string;
}

export interface ProbesListing {
  readonly probes: ListedProbe[];
  readonly library: { readonly path: string; readonly source: string; readonly version: string; readonly versionRaw: number } | null;
  readonly note: string | null;
}

function list(context: CliContext, options: { jlinkLib?: string }): void {
  const loaded = loadJlinkLibrary(options.jlinkLib === undefined ? {} : { settingsPath: options.jlinkLib });
  if (!loaded.ok && loaded.error.code === 'JLINK_LIBRARY_NOT_FOUND') {
    const listing: ProbesListing = {
      probes: [],
      library: null,
      note: `No J-Link library found, so no J-Link probes are listed. ${loaded.error.fix ?? ''}`.trim(),
    };
    return print(context, listing);
  }
  if (!loaded.ok) {
    printError(context.output, loaded.error);
    return context.setExitCode(EXIT_FAILED);
  }
  const library = loaded.value;
  const probes = listProbes(library);
  if (!probes.ok) {
    printError(context.output, probes.error);
    return context.setExitCode(EXIT_FAILED);
  }
  print(context, {
    probes: probes.value.map((probe) => ({ kind: 'jlink', serial: probe.serial, product: probe.product, address: `jlink:${probe.serial}` })),
    library: { path: library.path, source: library.source, version: library.version.text, versionRaw: library.version.raw },
    note: probes.value.length === 0 ? 'The library sees no J-Link on USB: check the cable and the udev rules (matterline doctor).' : null,
  });
}

function print(context: CliContext, listing: ProbesListing): void {
  if (context.output.json) printJson(context.output, listing);
  else {
    const lines = [listing.library === null ? 'J-Link library: none found' : `J-Link library: ${listing.library.version} at ${listing.library.path}`];
    for (const probe of listing.probes) lines.push(`  ${probe.address.padEnd(20)}  ${probe.product}`);
    if (listing.note !== null) lines.push(listing.note);
    context.output.write(lines.join('\n'));
  }
  context.setExitCode(EXIT_OK);
}

export const registerProbesCommand: RegisterCommand = (program, context) => {
  const probes = program.command('probes').description('the debug probes connected to this station');
  probes
    .command('list')
    .description('list the J-Link probes on USB (through SEGGER\'s library) and the library found')
    .option('--jlink-lib <path>', "SEGGER's J-Link library (file or folder) instead of searching for it")
    .action((options: { jlinkLib?: string }, _command: Command) => list(context, options));
};
