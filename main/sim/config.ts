/**
 * How a simulated board is configured: which part it is, its EUI-64, whether it leaves the factory
 * locked, which faults to inject and whether calls take modelled time. Validated once here so the
 * model itself never has to second-guess its inputs. docs/simulator.md is the user-facing reference.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { parseOrderablePartNumber, type PartInfo } from '../silabs/parts';

export type SimLockMode = 'none' | 'standard' | 'permanent' | 'secure';

/** The DebugPort methods a fault can name. */
export type SimOperation =
  | 'readDp'
  | 'writeDp'
  | 'readAp'
  | 'writeAp'
  | 'readMemory'
  | 'writeMemory'
  | 'programFlash'
  | 'reset'
  | 'halt'
  | 'go'
  | 'openRtt'
  | 'rttRead'
  | 'rttWrite';

export const SIM_OPERATIONS: readonly SimOperation[] = [
  'readDp',
  'writeDp',
  'readAp',
  'writeAp',
  'readMemory',
  'writeMemory',
  'programFlash',
  'reset',
  'halt',
  'go',
  'openRtt',
  'rttRead',
  'rttWrite',
];

export type SimFault =
  /** The probe drops off when `at` is called for the `occurrence`-th time (default the first); every later call fails too. */
  | { readonly kind: 'disconnect'; readonly at: SimOperation; readonly occurrence?: number }
  /** The probe drops off once this many bytes have crossed the wire (memory and flash data; 4 per register access). */
  | { readonly kind: 'disconnect-after-bytes'; readonly bytes: number }
  /** Programming a word in the page holding `address` (default: the first page programmed) leaves it erased; verify catches it. */
  | { readonly kind: 'flash-program-failure'; readonly address?: number }
  /** Every page erase takes this long in real time (so timeouts and cancellation can be exercised). */
  | { readonly kind: 'slow-erase'; readonly ms: number }
  /** The on-chip agent answers this many Protocol v2 packages (default 0), then stops answering: the host's agent session times out. */
  | { readonly kind: 'rtt-timeout'; readonly afterPackages?: number };

export interface SimTiming {
  /** SWD clock; each 32-bit transfer costs about 46 clocks. */
  readonly swdKHz?: number;
  readonly pageEraseMs?: number;
  readonly wordProgramUs?: number;
}

export interface SimConfig {
  /** The orderable part number on the label, e.g. EFR32MG24B210F1536IM48. */
  readonly part: string;
  /** The part the chip really is (the "wrong part delivered" fault); DEVINFO describes this one. */
  readonly actualPart?: string;
  /** 16 hex digits or a 64-bit bigint; default a fixed Silicon Labs-style EUI derived from nothing random. */
  readonly eui64?: bigint | string;
  /** How the part leaves the factory; default 'none'. The lock is already in effect (port closed). */
  readonly locked?: SimLockMode;
  /** Series 2: a public command key is installed in SE OTP (needed for secure debug). Default false. */
  readonly commandKeyInstalled?: boolean;
  readonly faults?: readonly SimFault[];
  /** Off unless given: tests run at full speed. */
  readonly timing?: SimTiming;
  /** Default timeout of a call when CallOptions gives none. */
  readonly defaultTimeoutMs?: number;
  /**
   * The board's firmware runs the provisioning agent from power-up (RTT control block in SRAM);
   * default false. Same as `firmware: 'agent'`.
   */
  readonly agent?: boolean;
  /**
   * What the board leaves the factory with at its flash base (firmware.ts): a simulated agent image,
   * a simulated Matter application, or nothing (erased; the default). It runs from power-up and
   * after every reset, until something else is programmed there.
   */
  readonly firmware?: SimFactoryFirmware;
}

export type SimFactoryFirmware = 'agent' | 'app' | 'none';

export const DEFAULT_EUI64 = 0x14b457fffe000001n;
export const DEFAULT_TIMEOUT_MS = 5_000;

export interface ResolvedSimConfig {
  readonly labelPart: PartInfo;
  readonly part: PartInfo;
  readonly eui64: bigint;
  readonly locked: SimLockMode;
  readonly commandKeyInstalled: boolean;
  readonly faults: readonly SimFault[];
  readonly timing: Required<SimTiming> | null;
  readonly defaultTimeoutMs: number;
  /** The factory firmware is the agent. */
  readonly agent: boolean;
  readonly firmware: SimFactoryFirmware;
}

export function parseEui64(value: bigint | string): Result<bigint> {
  if (typeof value === 'bigint') {
    if (value < 0n || value > 0xffffffffffffffffn) return failure('SIM_CONFIG_INVALID', `eui64 ${value} is not a 64-bit value`);
    return success(value);
  }
  const text = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value;
  if (!/^[0-9a-fA-F]{16}$/.test(text)) return failure('SIM_CONFIG_INVALID', `eui64 "${value}" is not 16 hex digits`);
  return success(BigInt(`0x${text}`));
}

export function formatEui64(value: bigint): string {
  return value.toString(16).padStart(16, '0');
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function checkFault(fault: SimFault, index: number): Result<void> {
  const where = `faults[${index}]`;
  switch (fault.kind) {
    case 'disconnect':
      if (!SIM_OPERATIONS.includes(fault.at)) return failure('SIM_CONFIG_INVALID', `${where}: "${String(fault.at)}" is not an operation (${SIM_OPERATIONS.join(', ')})`);
      if (fault.occurrence !== undefined && !(Number.isInteger(fault.occurrence) && fault.occurrence >= 1)) {
        return failure('SIM_CONFIG_INVALID', `${where}: occurrence must be a whole number from 1`);
      }
      return success(undefined);
    case 'disconnect-after-bytes':
      if (!(Number.isInteger(fault.bytes) && fault.bytes >= 0)) return failure('SIM_CONFIG_INVALID', `${where}: bytes must be a whole number`);
      return success(undefined);
    case 'flash-program-failure':
      if (fault.address !== undefined && !(Number.isInteger(fault.address) && fault.address >= 0)) return failure('SIM_CONFIG_INVALID', `${where}: address must be a whole number`);
      return success(undefined);
    case 'slow-erase':
      if (!isPositive(fault.ms)) return failure('SIM_CONFIG_INVALID', `${where}: ms must be positive`);
      return success(undefined);
    case 'rtt-timeout':
      if (fault.afterPackages !== undefined && !(Number.isInteger(fault.afterPackages) && fault.afterPackages >= 0)) {
        return failure('SIM_CONFIG_INVALID', `${where}: afterPackages must be a whole number`);
      }
      return success(undefined);
    default:
      return failure('SIM_CONFIG_INVALID', `${where}: unknown fault kind "${String((fault as { kind: unknown }).kind)}"`);
  }
}

export function resolveSimConfig(config: SimConfig): Result<ResolvedSimConfig> {
  const labelPart = parseOrderablePartNumber(config.part);
  if (!labelPart.ok) return failure('SIM_CONFIG_INVALID', `part: ${labelPart.error.detail ?? labelPart.error.message}`);
  let part = labelPart.value;
  if (config.actualPart !== undefined) {
    const actual = parseOrderablePartNumber(config.actualPart);
    if (!actual.ok) return failure('SIM_CONFIG_INVALID', `actualPart: ${actual.error.detail ?? actual.error.message}`);
    part = actual.value;
  }
  const eui64 = parseEui64(config.eui64 ?? DEFAULT_EUI64);
  if (!eui64.ok) return eui64;
  const locked = config.locked ?? 'none';
  if (!['none', 'standard', 'permanent', 'secure'].includes(locked)) return failure('SIM_CONFIG_INVALID', `locked: "${String(locked)}" is not none, standard, permanent or secure`);
  if (part.series === 1 && locked === 'secure') return failure('SIM_CONFIG_INVALID', 'locked: secure debug lock exists on Series 2 only');
  const commandKeyInstalled = config.commandKeyInstalled ?? locked === 'secure';
  if (locked === 'secure' && !commandKeyInstalled) return failure('SIM_CONFIG_INVALID', 'locked: secure needs commandKeyInstalled');
  const faults = config.faults ?? [];
  for (const [index, fault] of faults.entries()) {
    const checked = checkFault(fault, index);
    if (!checked.ok) return checked;
  }
  let timing: Required<SimTiming> | null = null;
  if (config.timing !== undefined) {
    const t = { swdKHz: config.timing.swdKHz ?? 4000, pageEraseMs: config.timing.pageEraseMs ?? 12, wordProgramUs: config.timing.wordProgramUs ?? 12 };
    for (const [key, value] of Object.entries(t)) if (!isPositive(value)) return failure('SIM_CONFIG_INVALID', `timing.${key} must be positive`);
    timing = t;
  }
  const defaultTimeoutMs = config.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!isPositive(defaultTimeoutMs)) return failure('SIM_CONFIG_INVALID', 'defaultTimeoutMs must be positive');
  const firmware = config.firmware ?? (config.agent === true ? 'agent' : 'none');
  if (!['agent', 'app', 'none'].includes(firmware)) return failure('SIM_CONFIG_INVALID', `firmware: "${String(firmware)}" is not agent, app or none`);
  if (config.agent === true && firmware !== 'agent') return failure('SIM_CONFIG_INVALID', `agent: true means the firmware is the agent, but firmware is "${firmware}"`);
  return success({ labelPart: labelPart.value, part, eui64: eui64.value, locked, commandKeyInstalled, faults, timing, defaultTimeoutMs, agent: firmware === 'agent', firmware });
}
