/**
 * Raw DP/AP registers through JLINKARM_CORESIGHT_Read/WriteAPDPReg (research/debug-access.md §1.4,
 * §3.1): no Connect, so a locked part stays reachable. RegIndex 0..3 is address bits 3:2; an AP
 * register is reached by writing DP SELECT (APSEL bits 31:24, bank bits 7:4) first, and the last
 * SELECT written is remembered so a run of reads on one AP bank costs one write.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { jlinkFailure } from './errors';
import type { JlinkSession } from './jlinkSession';

const DP_SELECT = 0x8;
export const AP_N_DP = { dp: 0, ap: 1 } as const;

export class CoresightRegisters {
  /** The last DP SELECT value written, or null when the library may have changed it (Connect, reset). */
  select: number | null = null;

  constructor(private readonly session: JlinkSession) {}

  /** SELECT: APSEL in bits 31:24, the AP bank (register bits 7:4) in bits 7:4, DP bank bits kept. */
  selectAp(ap: number, register: number, step: string): Result<void> {
    if (!Number.isInteger(ap) || ap < 0 || ap > 0xff) return failure('JLINK_ERROR', `J-Link ${this.session.serial}: ${step}: AP number ${ap} is outside 0..255`);
    if (!Number.isInteger(register) || register < 0 || register > 0xfc || register % 4 !== 0) {
      return failure('JLINK_ERROR', `J-Link ${this.session.serial}: ${step}: AP register ${hex(register)} is not a word offset in 0x00..0xFC`);
    }
    const wanted = ((ap << 24) | (register & 0xf0) | ((this.select ?? 0) & 0x0f)) >>> 0;
    if (this.select === wanted) return success(undefined);
    return this.writeRegister(AP_N_DP.dp, DP_SELECT, wanted, `${step}: write SELECT ${hex(wanted)}`);
  }

  readRegister(apNdp: number, register: number, step: string): Result<number> {
    const index = registerIndex(register, apNdp);
    if (index === null) return failure('JLINK_ERROR', `J-Link ${this.session.serial}: ${step}: DP register ${hex(register)} is not one of 0x0, 0x4, 0x8, 0xC`);
    const value = new Uint32Array(1);
    this.session.clearError();
    const returned = this.session.library.api.CORESIGHT_ReadAPDPReg(index, apNdp, value);
    if (returned < 0) return jlinkFailure(`J-Link ${this.session.serial}: ${step}: JLINKARM_CORESIGHT_ReadAPDPReg`, returned, this.session.takeError());
    return success((value[0] ?? 0) >>> 0);
  }

  writeRegister(apNdp: number, register: number, value: number, step: string): Result<void> {
    const index = registerIndex(register, apNdp);
    if (index === null) return failure('JLINK_ERROR', `J-Link ${this.session.serial}: ${step}: DP register ${hex(register)} is not one of 0x0, 0x4, 0x8, 0xC`);
    this.session.clearError();
    const returned = this.session.library.api.CORESIGHT_WriteAPDPReg(index, apNdp, value >>> 0);
    if (returned < 0) {
      if (apNdp === AP_N_DP.dp && register === DP_SELECT) this.select = null;
      return jlinkFailure(`J-Link ${this.session.serial}: ${step}: JLINKARM_CORESIGHT_WriteAPDPReg`, returned, this.session.takeError());
    }
    if (apNdp === AP_N_DP.dp && register === DP_SELECT) this.select = value >>> 0;
    return success(undefined);
  }
}

/** RegIndex 0..3 is address bits 3:2; a DP register must be one of the four, an AP one any word offset. */
function registerIndex(register: number, apNdp: number): number | null {
  if (!Number.isInteger(register) || register < 0 || register % 4 !== 0) return null;
  if (apNdp === AP_N_DP.dp && register > 0xc) return null;
  return (register >> 2) & 3;
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase()}`;
}
