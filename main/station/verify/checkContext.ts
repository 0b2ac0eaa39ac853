/** What every check reads: the read-back, the expectations, the clock, and the DAC/PAI parsed once. */
import { parseCertificateDer, type ParsedCertificate } from '../../matter/certificates';
import type { ParsedProvisioningImage } from '../../silabs/image';
import type { CheckName, CheckResult, DeviceReadback, VerificationExpectations } from './types';

export interface CheckContext {
  readonly readback: DeviceReadback;
  readonly expectations: VerificationExpectations;
  readonly now: Date;
  /** The provisioning data, when the device was readable and held some. */
  readonly parsed: ParsedProvisioningImage | null;
  readonly dac: ParsedCertificate | null;
  readonly pai: ParsedCertificate | null;
}

function parseQuietly(der: Uint8Array | null | undefined): ParsedCertificate | null {
  if (der === null || der === undefined) return null;
  try {
    const parsed = parseCertificateDer(der);
    return parsed.ok ? parsed.value : null;
  } catch {
    // Damaged bytes are reported by the present check (the parser's summary carries the reason).
    return null;
  }
}

export function createCheckContext(readback: DeviceReadback, expectations: VerificationExpectations, now: Date): CheckContext {
  const parsed = readback.parsed;
  return { readback, expectations, now, parsed, dac: parseQuietly(parsed?.files.dac), pai: parseQuietly(parsed?.files.pai) };
}

export const pass = (name: CheckName, message: string): CheckResult => ({ name, status: 'pass', message });
export const fail = (name: CheckName, message: string): CheckResult => ({ name, status: 'fail', message });
export const skip = (name: CheckName, message: string): CheckResult => ({ name, status: 'skip', message });

export function hex4(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Why a check that needs the credentials cannot run, or null when they were read. */
export function unreadableReason(context: CheckContext): string | null {
  if (context.readback.locked) return 'the debug port is locked, so the credentials cannot be read';
  if (context.parsed === null) return 'no provisioning data was read (see the present check)';
  return null;
}
