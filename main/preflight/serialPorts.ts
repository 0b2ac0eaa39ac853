/**
 * The serial ports this computer has (npm `serialport`, research/debug-access.md §7). Zero ports is
 * a valid observation, not a failure; only a listing that throws or hangs fails. The listing runs
 * under a timeout so a stuck driver cannot hang doctor or the preflight screen.
 */
import type { PreflightCheck } from '../../preload/contract/preflight';
import { errorText, failed, passed } from './host';
import { SEGGER_USB_VENDOR_ID } from './udevRules';

/** The fields of serialport's PortInfo used here; all but path may be missing. */
export interface SerialPortInfo {
  readonly path: string;
  readonly manufacturer?: string | undefined;
  readonly serialNumber?: string | undefined;
  readonly vendorId?: string | undefined;
  readonly productId?: string | undefined;
  readonly pnpId?: string | undefined;
  readonly locationId?: string | undefined;
}

export type SerialPortLister = () => Promise<readonly SerialPortInfo[]>;

export const SERIAL_LIST_TIMEOUT_MS = 5_000;

/**
 * serialport loaded on first use: a native binding that fails to load (wrong ABI, blocked by policy)
 * becomes a failed check instead of breaking every module that imports this one.
 */
export const listSerialPorts: SerialPortLister = async () => {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
};

export interface SerialPortsOptions {
  readonly list?: SerialPortLister;
  readonly timeoutMs?: number;
}

const CHECK = { name: 'serial-ports', title: 'Serial ports', required: false } as const;

export async function checkSerialPorts(opts: SerialPortsOptions = {}): Promise<PreflightCheck> {
  try {
    const timeoutMs = opts.timeoutMs ?? SERIAL_LIST_TIMEOUT_MS;
    const listed = await withTimeout((opts.list ?? listSerialPorts)(), timeoutMs);
    if (listed === TIMED_OUT) return failed(CHECK, 'SERIAL_LIST_FAILED', `Listing did not finish within ${seconds(timeoutMs)}.`);
    const ports = [...listed].sort((a, b) => a.path.localeCompare(b.path));
    if (ports.length === 0) return passed(CHECK, 'No serial ports found.');
    const noun = ports.length === 1 ? 'serial port' : 'serial ports';
    return passed(CHECK, `${ports.length} ${noun}: ${ports.map(describePort).join('; ')}.`, ports.map(portDetail).join('\n'));
  } catch (error) {
    return failed(CHECK, 'SERIAL_LIST_FAILED', errorText(error));
  }
}

/** "/dev/ttyACM0 (J-Link VCOM, SEGGER, serial 000440048205)" — only what is known. */
export function describePort(port: SerialPortInfo): string {
  const parts: string[] = [];
  if (port.vendorId?.toLowerCase() === SEGGER_USB_VENDOR_ID) parts.push('J-Link VCOM');
  if (present(port.manufacturer)) parts.push(port.manufacturer.trim());
  if (present(port.serialNumber)) parts.push(`serial ${port.serialNumber.trim()}`);
  return parts.length === 0 ? port.path : `${port.path} (${parts.join(', ')})`;
}

function portDetail(port: SerialPortInfo): string {
  const fields = (['manufacturer', 'serialNumber', 'vendorId', 'productId', 'pnpId', 'locationId'] as const)
    .filter((key) => present(port[key]))
    .map((key) => `${key}=${port[key]}`);
  return [port.path, ...fields].join(' ');
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
    // A hung listing must not keep `matterline doctor` alive after it has answered.
    timer.unref?.();
  });
  // If the listing fails after the timeout has answered, nobody is waiting for it any more.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
