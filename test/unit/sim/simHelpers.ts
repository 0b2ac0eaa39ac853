import { expect } from 'vitest';
import type { Result } from '../../../preload/contract/errors';
import { AP, DCI_RDATA, DCI_STATUS, DCI_STATUS_RDATAVALID, DCI_STATUS_WPENDING, DCI_WDATA, DP, SimulatedDebugPort, type SimConfig } from '../../../main/sim';

export const CATALOGUE_PARTS = [
  'EFR32MG24B210F1536IM48',
  'EFR32MG24A010F1024IM48',
  'EFR32MG24A010F768IM48',
  'EFR32BG24B210F1536IM48',
  'EFR32MG21A010F1024IM32',
  'EFR32MG12P332F1024GL125',
] as const;

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail ?? ''}`);
  return result.value;
}

export function expectFailure<T>(result: Result<T>, code: string, detailIncludes?: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  if (detailIncludes !== undefined) expect(result.error.detail ?? '').toContain(detailIncludes);
}

export function board(config: SimConfig): SimulatedDebugPort {
  return unwrap(SimulatedDebugPort.create(config));
}

export function word(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, true);
}

async function dciRead(port: SimulatedDebugPort, address: number): Promise<number> {
  unwrap(await port.writeAp(1, AP.TAR, address));
  return unwrap(await port.readAp(1, AP.DRW));
}

async function dciWrite(port: SimulatedDebugPort, address: number, value: number): Promise<void> {
  unwrap(await port.writeAp(1, AP.TAR, address));
  unwrap(await port.writeAp(1, AP.DRW, value));
}

/** The DCI handshake exactly as debug-access.md §3.1 describes it: SELECT AP #1, CSW, then TAR/DRW per register. */
export async function dciCommand(port: SimulatedDebugPort, command: number, parameters: readonly number[] = []): Promise<{ code: number; payload: number[] }> {
  unwrap(await port.writeDp(DP.SELECT, 0x01000000));
  unwrap(await port.writeAp(1, AP.CSW, 0x22000002));
  for (const value of [8 + parameters.length * 4, command, ...parameters]) {
    let polls = 0;
    while ((await dciRead(port, DCI_STATUS)) & DCI_STATUS_WPENDING) if (++polls > 100) throw new Error('WPENDING stuck');
    await dciWrite(port, DCI_WDATA, value);
  }
  const next = async (): Promise<number> => {
    let polls = 0;
    while (((await dciRead(port, DCI_STATUS)) & DCI_STATUS_RDATAVALID) === 0) if (++polls > 100) throw new Error('no response');
    return dciRead(port, DCI_RDATA);
  };
  const header = await next();
  const payload: number[] = [];
  for (let i = 0; i < ((header & 0xffff) - 4) / 4; i++) payload.push(await next());
  unwrap(await port.writeDp(DP.SELECT, 0));
  return { code: header >>> 16, payload };
}
