/**
 * Opening a probe from its address (address.ts). `sim:` builds a simulated board (main/sim); with
 * `@STATEFILE` the board's flash and Secure Engine state are loaded from that file when it exists and
 * written back by `save()`, so several commands act on the same board. The file I/O lives here, not in
 * the simulator. `jlink:SERIAL` opens that J-Link through SEGGER's library (main/probes/jlink), found
 * by preflight's search: the library path given (the station settings' path, which the probe worker
 * gets in its start message), MATTERLINE_JLINK_LIB, then the standard install folders.
 * `serial:` parses but is not available in this version yet.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import { SimulatedDebugPort, type SimConfig } from '../sim/index';
import { parseProbeAddress, type ProbeAddress } from './address';
import type { DebugPort } from './debugPort';
import { openJlinkDebugPort } from './jlink/jlinkDebugPort';

export interface OpenedProbe {
  readonly port: DebugPort;
  readonly address: ProbeAddress;
  /** Persist a simulated board's state to its state file; a no-op for anything else. */
  save(): Promise<Result<void>>;
}

const MAX_STATE_BYTES = 64 * 1024 * 1024;

async function readStateFile(file: string): Promise<Result<Uint8Array | null>> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_STATE_BYTES) return failure('PROBE_ADDRESS_STATE_INVALID', `${file}: ${stat.size} bytes is larger than a simulator state can be`);
    return success(new Uint8Array(await fs.readFile(file)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return success(null);
    return failure('FILE_UNREADABLE', `simulator state ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Write to a temporary file next to it, then rename: a crash never leaves half a state. */
async function writeStateFile(file: string, bytes: Uint8Array): Promise<Result<void>> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temporary, bytes);
    await fs.rename(temporary, file);
    return success(undefined);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    return failure('FILE_NOT_WRITABLE', `simulator state ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface OpenProbeOptions {
  /** SEGGER's library (a file or its folder) for `jlink:`, searched before MATTERLINE_JLINK_LIB; ignored otherwise. */
  readonly jlinkLibraryPath?: string | null;
}

export async function openProbe(text: string, options: OpenProbeOptions = {}): Promise<Result<OpenedProbe>> {
  const parsed = parseProbeAddress(text);
  if (!parsed.ok) return parsed;
  const address = parsed.value;
  if (address.kind === 'jlink') {
    // One loaded library drives one probe: a second jlink: probe in this process is refused
    // (JLINK_LIBRARY_BUSY); the station gives each probe its own worker process.
    const opened = openJlinkDebugPort(Number(address.serial), { address: address.text, settingsPath: options.jlinkLibraryPath ?? null });
    if (!opened.ok) return opened;
    return success({ port: opened.value, address, save: async () => success(undefined) });
  }
  if (address.kind !== 'sim') return failure('PROBE_ADDRESS_UNAVAILABLE', `${address.text}: serial-port probes are not available in this version yet`);
  if (address.options.bench !== undefined) {
    // A bench is a folder of boards, not one board: runs open the board on it (station/boards.ts).
    return failure('PROBE_ADDRESS_INVALID', `${address.text}: a bench address names where boards are placed; read a board with sim:PART@<bench>/<EUI-64>.sim`);
  }
  const stateFile = address.stateFile === null ? null : path.resolve(address.stateFile);
  let state: Uint8Array | null = null;
  if (stateFile !== null) {
    const read = await readStateFile(stateFile);
    if (!read.ok) return read;
    state = read.value;
  }
  const simOptions = address.options;
  const config: SimConfig = {
    part: address.part,
    ...(simOptions.eui64 === undefined ? {} : { eui64: simOptions.eui64 }),
    ...(simOptions.locked === undefined ? {} : { locked: simOptions.locked }),
    ...(simOptions.commandKeyInstalled === undefined ? {} : { commandKeyInstalled: simOptions.commandKeyInstalled }),
    ...(simOptions.actualPart === undefined ? {} : { actualPart: simOptions.actualPart }),
    ...(simOptions.firmware === undefined ? {} : { firmware: simOptions.firmware }),
    ...(simOptions.faults.length === 0 ? {} : { faults: simOptions.faults }),
    ...(simOptions.timing === undefined ? {} : { timing: simOptions.timing }),
  };
  const created = SimulatedDebugPort.create(config, { address: address.text, ...(state === null ? {} : { state }) });
  if (!created.ok) {
    if (String(created.error.code) === 'SIM_STATE_INVALID') return failure('PROBE_ADDRESS_STATE_INVALID', `${stateFile ?? ''}: ${created.error.detail ?? created.error.message}`);
    return failure('PROBE_ADDRESS_INVALID', `${address.text}: ${created.error.detail ?? created.error.message}`);
  }
  const port = created.value;
  return success({
    port,
    address,
    save: async () => (stateFile === null ? success(undefined) : writeStateFile(stateFile, port.saveState())),
  });
}
