/**
 * Probe addresses, as the user types them after --probe (docs/probes.md):
 *
 *   sim:PART                      a fresh simulated board
 *   sim:PART@STATEFILE            a simulated board whose flash and Secure Engine state live in a file
 *   sim:PART[@STATEFILE]?eui=HEX&locked=standard&fault=disconnect:readAp:3
 *   sim:PART?agent=1              the board's firmware runs the provisioning agent (same as firmware=agent)
 *   sim:PART?firmware=app         the board leaves the factory with a simulated Matter application
 *   sim:PART?timing=1             calls take modelled time (SimConfig.timing); timing=swd:4000,erase:12,program:20
 *   sim:PART@FOLDER?bench=once    a simulated bench: a technician places and removes boards in FOLDER
 *                                 (`matterline sim bench`); `bench=wait` waits for each next board (hands-free)
 *   jlink:SERIAL                  a SEGGER J-Link (parsed; not available in this version yet)
 *   serial:PATH                   a board's serial port (parsed; not available in this version yet)
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { parseOrderablePartNumber } from '../silabs/parts';
import type { SimFactoryFirmware, SimFault, SimLockMode, SimOperation, SimTiming } from '../sim/index';

export interface SimProbeOptions {
  /** 16 hex digits. */
  readonly eui64?: string;
  readonly locked?: SimLockMode;
  readonly commandKeyInstalled?: boolean;
  /** The part the chip really is (a wrong part delivered). */
  readonly actualPart?: string;
  /** The factory firmware at the flash base (`agent=1` is `firmware=agent`); absent means none. */
  readonly firmware?: SimFactoryFirmware;
  readonly faults: readonly SimFault[];
  /** The simulator's timing model (`timing=`); absent means calls take no modelled time. */
  readonly timing?: SimTiming;
  /**
   * The state path is a bench folder where boards are placed and removed (main/station/bench.ts):
   * `once` runs the board on it now, `wait` waits for each next board until the lot is done (hands-free).
   */
  readonly bench?: 'once' | 'wait';
}

export type ProbeAddress =
  | { readonly kind: 'sim'; readonly text: string; readonly part: string; readonly stateFile: string | null; readonly options: SimProbeOptions }
  | { readonly kind: 'jlink'; readonly text: string; readonly serial: string }
  | { readonly kind: 'serial'; readonly text: string; readonly path: string };

const LOCK_MODES: readonly SimLockMode[] = ['none', 'standard', 'permanent', 'secure'];
const FIRMWARE: readonly SimFactoryFirmware[] = ['agent', 'app', 'none'];
const OPERATIONS: readonly SimOperation[] = ['readDp', 'writeDp', 'readAp', 'writeAp', 'readMemory', 'writeMemory', 'programFlash', 'reset', 'halt', 'go', 'openRtt'];

function invalid<T>(text: string, why: string): Result<T> {
  return failure('PROBE_ADDRESS_INVALID', `${text}: ${why}`);
}

function parseNumber(text: string): number | null {
  const value = /^0x[0-9a-f]+$/i.test(text) ? Number.parseInt(text.slice(2), 16) : /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * One `fault=` value: `disconnect:OPERATION[:N]` (drop off at the N-th call), `disconnect-after:BYTES`,
 * `flash-fail[:ADDRESS]` (a program that does not stick), `slow-erase:MS`, `rtt-timeout[:PACKAGES]` (the
 * on-chip agent stops answering after that many packages).
 */
export function parseFault(value: string): Result<SimFault> {
  const [kind = '', first, second, ...rest] = value.split(':');
  const bad = (why: string): Result<SimFault> => failure('PROBE_ADDRESS_INVALID', `fault=${value}: ${why}`);
  if (rest.length > 0) return bad('too many fields');
  switch (kind) {
    case 'disconnect': {
      if (first === undefined || !(OPERATIONS as readonly string[]).includes(first)) return bad(`expected disconnect:OPERATION[:N] with OPERATION one of ${OPERATIONS.join(', ')}`);
      if (second === undefined) return success({ kind: 'disconnect', at: first as SimOperation });
      const occurrence = parseNumber(second);
      if (occurrence === null || occurrence < 1) return bad('N must be a whole number from 1');
      return success({ kind: 'disconnect', at: first as SimOperation, occurrence });
    }
    case 'disconnect-after': {
      const bytes = first === undefined ? null : parseNumber(first);
      if (bytes === null || second !== undefined) return bad('expected disconnect-after:BYTES');
      return success({ kind: 'disconnect-after-bytes', bytes });
    }
    case 'flash-fail': {
      if (first === undefined) return success({ kind: 'flash-program-failure' });
      const address = parseNumber(first);
      if (address === null || second !== undefined) return bad('expected flash-fail or flash-fail:ADDRESS');
      return success({ kind: 'flash-program-failure', address });
    }
    case 'slow-erase': {
      const ms = first === undefined ? null : parseNumber(first);
      if (ms === null || ms <= 0 || second !== undefined) return bad('expected slow-erase:MS');
      return success({ kind: 'slow-erase', ms });
    }
    case 'rtt-timeout': {
      if (first === undefined) return success({ kind: 'rtt-timeout' });
      const afterPackages = parseNumber(first);
      if (afterPackages === null || second !== undefined) return bad('expected rtt-timeout or rtt-timeout:PACKAGES');
      return success({ kind: 'rtt-timeout', afterPackages });
    }
    default:
      return bad('expected disconnect:OPERATION[:N], disconnect-after:BYTES, flash-fail[:ADDRESS], slow-erase:MS or rtt-timeout[:PACKAGES]');
  }
}

const TIMING_FIELDS = { swd: 'swdKHz', erase: 'pageEraseMs', program: 'wordProgramUs' } as const;

/**
 * One `timing=` value: `1` the default model, `0` none, or comma-separated `swd:KHZ`, `erase:MS`
 * (per page) and `program:US` (per word), each positive; fields not given keep their defaults.
 * Returns null for `0`.
 */
export function parseTiming(value: string): Result<SimTiming | null> {
  const bad = (why: string): Result<SimTiming | null> => failure('PROBE_ADDRESS_INVALID', `timing=${value}: ${why}`);
  if (value === '1') return success({});
  if (value === '0') return success(null);
  const timing: { -readonly [K in keyof SimTiming]: number } = {};
  for (const field of value.split(',')) {
    const [name = '', amount, ...rest] = field.split(':');
    if (!Object.hasOwn(TIMING_FIELDS, name) || amount === undefined || rest.length > 0) {
      return bad('expected 1, 0, or comma-separated swd:KHZ, erase:MS and program:US');
    }
    const key = TIMING_FIELDS[name as keyof typeof TIMING_FIELDS];
    if (timing[key] !== undefined) return bad(`${name} given twice`);
    const number = /^[0-9]+(\.[0-9]+)?$/.test(amount) ? Number(amount) : Number.NaN;
    if (!(number > 0) || !Number.isFinite(number)) return bad(`${name}:${amount} must be a positive number`);
    timing[key] = number;
  }
  return success(timing);
}

function parseSim(text: string, body: string): Result<ProbeAddress> {
  const queryAt = body.indexOf('?');
  const main = queryAt === -1 ? body : body.slice(0, queryAt);
  const query = queryAt === -1 ? '' : body.slice(queryAt + 1);
  const stateAt = main.indexOf('@');
  const part = stateAt === -1 ? main : main.slice(0, stateAt);
  const stateFile = stateAt === -1 ? null : main.slice(stateAt + 1);
  if (part === '') return invalid(text, 'expected sim:PART, e.g. sim:EFR32MG24B210F1536IM48');
  const parsedPart = parseOrderablePartNumber(part);
  if (!parsedPart.ok) return invalid(text, `part ${part}: ${parsedPart.error.detail ?? parsedPart.error.message}`);
  if (stateFile !== null && stateFile === '') return invalid(text, 'expected a state file path after @');

  let eui64: string | undefined;
  let locked: SimLockMode | undefined;
  let commandKeyInstalled: boolean | undefined;
  let actualPart: string | undefined;
  let firmware: SimFactoryFirmware | undefined;
  let timing: SimTiming | undefined;
  let bench: 'once' | 'wait' | undefined;
  const faults: SimFault[] = [];
  const seen = new Set<string>();
  for (const pair of query === '' ? [] : query.split('&')) {
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : decodeURIComponent(pair.slice(equals + 1));
    if (key !== 'fault' && seen.has(key)) return invalid(text, `option ${key} given twice`);
    seen.add(key);
    switch (key) {
      case 'eui': {
        const hex = value.replace(/^0x/i, '');
        if (!/^[0-9a-f]{16}$/i.test(hex)) return invalid(text, `eui=${value}: expected 16 hex digits`);
        eui64 = hex.toLowerCase();
        break;
      }
      case 'locked':
        if (!(LOCK_MODES as readonly string[]).includes(value)) return invalid(text, `locked=${value}: expected ${LOCK_MODES.join(', ')}`);
        locked = value as SimLockMode;
        break;
      case 'key':
        if (value !== 'installed' && value !== 'none') return invalid(text, `key=${value}: expected installed or none`);
        commandKeyInstalled = value === 'installed';
        break;
      case 'actual': {
        const actual = parseOrderablePartNumber(value);
        if (!actual.ok) return invalid(text, `actual=${value}: ${actual.error.detail ?? actual.error.message}`);
        actualPart = value;
        break;
      }
      case 'agent':
        if (value !== '1' && value !== '0') return invalid(text, `agent=${value}: expected 1 (the board's firmware runs the agent) or 0`);
        if (value === '1') {
          if (firmware !== undefined && firmware !== 'agent') return invalid(text, `agent=1 contradicts firmware=${firmware}`);
          firmware = 'agent';
        }
        break;
      case 'firmware':
        if (!(FIRMWARE as readonly string[]).includes(value)) return invalid(text, `firmware=${value}: expected ${FIRMWARE.join(', ')}`);
        if (firmware !== undefined && firmware !== value) return invalid(text, `firmware=${value} contradicts agent=1`);
        firmware = value as SimFactoryFirmware;
        break;
      case 'fault': {
        const fault = parseFault(value);
        if (!fault.ok) return invalid(text, fault.error.detail ?? fault.error.message);
        faults.push(fault.value);
        break;
      }
      case 'timing': {
        const parsed = parseTiming(value);
        if (!parsed.ok) return invalid(text, parsed.error.detail ?? parsed.error.message);
        timing = parsed.value ?? undefined;
        break;
      }
      case 'bench':
        if (value !== 'once' && value !== 'wait') return invalid(text, `bench=${value}: expected once or wait`);
        if (stateFile === null) return invalid(text, 'bench= needs the bench folder after @ (sim:PART@FOLDER?bench=once)');
        bench = value;
        break;
      default:
        return invalid(text, `unknown option "${key}"; expected eui, locked, key, actual, agent, firmware, fault, timing or bench`);
    }
  }
  const options: SimProbeOptions = {
    ...(eui64 === undefined ? {} : { eui64 }),
    ...(locked === undefined ? {} : { locked }),
    ...(commandKeyInstalled === undefined ? {} : { commandKeyInstalled }),
    ...(actualPart === undefined ? {} : { actualPart }),
    ...(firmware === undefined || firmware === 'none' ? {} : { firmware }),
    ...(bench === undefined ? {} : { bench }),
    faults,
    ...(timing === undefined ? {} : { timing }),
  };
  return success({ kind: 'sim', text, part, stateFile, options });
}

export function parseProbeAddress(text: string): Result<ProbeAddress> {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  if (colon === -1) return invalid(text, 'expected sim:PART, jlink:SERIAL or serial:PATH');
  const scheme = trimmed.slice(0, colon).toLowerCase();
  const body = trimmed.slice(colon + 1);
  switch (scheme) {
    case 'sim':
      return parseSim(trimmed, body);
    case 'jlink':
      if (!/^[0-9]{1,12}$/.test(body)) return invalid(text, 'expected jlink:SERIAL with the probe\'s serial number (digits)');
      return success({ kind: 'jlink', text: trimmed, serial: body });
    case 'serial':
      if (body === '') return invalid(text, 'expected serial:PATH, e.g. serial:/dev/ttyACM0');
      return success({ kind: 'serial', text: trimmed, path: body });
    default:
      return invalid(text, `unknown probe kind "${scheme}"; expected sim, jlink or serial`);
  }
}
