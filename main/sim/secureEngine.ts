/**
 * The Series 2 Secure Engine as the debug port sees it: the DCI registers on AP #1 and the debug-lock
 * state machine behind them (debug-access.md §3.1). The SE consumes each command word at once
 * (WPENDING stays 0) and queues the response words (RDATAVALID while any are left).
 *
 * State rules: APPLY sets "lock configured" at once, but the port only closes at the next reset; a
 * device erase wipes main flash, clears the configuration and the port reopens at the next reset;
 * DEVICE_ERASE_DISABLE is irreversible and makes DEVICE_ERASE fail with an authorization error.
 */

export const DCI_WDATA = 0x1000;
export const DCI_RDATA = 0x1004;
export const DCI_STATUS = 0x1008;
export const DCI_ID = 0x10fc;
export const DCI_ID_VALUE = 0x000dc11d;
export const DCI_STATUS_WPENDING = 1 << 0;
export const DCI_STATUS_RDATAVALID = 1 << 8;

export const SE_COMMAND = {
  GET_STATUS: 0xfe010000,
  READ_SERIAL: 0xfe000000,
  DBG_LOCK_APPLY: 0x430c0000,
  DBG_LOCK_ENABLE_SECURE: 0x430d0000,
  DBG_LOCK_DISABLE_SECURE: 0x430e0000,
  DEVICE_ERASE: 0x430f0000,
  DEVICE_ERASE_DISABLE: 0x43100000,
  DBG_LOCK_STATUS: 0x43110000,
  DBG_SET_RESTRICTIONS: 0x43120000,
} as const;

/** em_se.h response codes. */
export const SE_RESPONSE = {
  OK: 0x0000,
  INVALID_COMMAND: 0x0001,
  AUTHORIZATION_ERROR: 0x0002,
  INVALID_SIGNATURE: 0x0003,
  BUS_ERROR: 0x0004,
  INTERNAL_ERROR: 0x0005,
  CRYPTO_ERROR: 0x0006,
  INVALID_PARAMETER: 0x0007,
  SECUREBOOT_ERROR: 0x0009,
  SELFTEST_ERROR: 0x000a,
  NOT_INITIALIZED: 0x000b,
  ABORT: 0x00ff,
} as const;

/** Debug status word bits (sl_se_manager_util.c decode_debug_status). */
export const DEBUG_STATUS = {
  LOCK_CONFIGURED: 1 << 0,
  DEVICE_ERASE_ENABLED: 1 << 1,
  SECURE_DEBUG_ENABLED: 1 << 2,
  PORT_LOCKED: 1 << 5,
} as const;

export interface SecureEngineState {
  debugLockConfigured: boolean;
  deviceEraseEnabled: boolean;
  secureDebugEnabled: boolean;
  commandKeyInstalled: boolean;
  /** The live state of the debug port (bit 5): follows debugLockConfigured at each reset. */
  portLocked: boolean;
  /** Configured debug restrictions, bits 3:0 (NS-inv, NS-non-inv, S-inv, S-non-inv). */
  restrictions: number;
}

export function freshSecureEngineState(): SecureEngineState {
  return { debugLockConfigured: false, deviceEraseEnabled: true, secureDebugEnabled: false, commandKeyInstalled: false, portLocked: false, restrictions: 0 };
}

export interface SecureEngineHost {
  /** Wipe main flash (DEVICE_ERASE). */
  eraseMainFlash(): void;
  eui64(): bigint;
}

const MAX_COMMAND_BYTES = 0x100;

export class SecureEngine {
  private pendingCommand: number[] = [];
  private expectedBytes = 0;
  private response: number[] = [];

  constructor(
    readonly state: SecureEngineState,
    private readonly host: SecureEngineHost,
  ) {}

  debugStatusWord(): number {
    const s = this.state;
    return (
      (s.debugLockConfigured ? DEBUG_STATUS.LOCK_CONFIGURED : 0) |
      (s.deviceEraseEnabled ? DEBUG_STATUS.DEVICE_ERASE_ENABLED : 0) |
      (s.secureDebugEnabled ? DEBUG_STATUS.SECURE_DEBUG_ENABLED : 0) |
      (s.portLocked ? DEBUG_STATUS.PORT_LOCKED : 0) |
      ((s.restrictions & 0xf) << 10) |
      ((s.restrictions & 0xf) << 6)
    ) >>> 0;
  }

  /** At every reset the port takes the configured state; anything half-sent to the DCI is dropped. */
  onReset(): void {
    this.state.portLocked = this.state.debugLockConfigured;
    this.pendingCommand = [];
    this.expectedBytes = 0;
    this.response = [];
  }

  readRegister(address: number): number | null {
    switch (address) {
      case DCI_ID:
        return DCI_ID_VALUE;
      case DCI_STATUS:
        return this.response.length > 0 ? DCI_STATUS_RDATAVALID : 0;
      case DCI_RDATA:
        return this.response.shift() ?? 0;
      case DCI_WDATA:
        return 0;
      default:
        return null;
    }
  }

  /** Returns false for an address the DCI does not decode. */
  writeRegister(address: number, value: number): boolean {
    if (address === DCI_STATUS || address === DCI_RDATA || address === DCI_ID) return true;
    if (address !== DCI_WDATA) return false;
    value >>>= 0;
    if (this.pendingCommand.length === 0) {
      // A new command starts: whatever response was left unread is discarded.
      this.response = [];
      if (value < 8 || value > MAX_COMMAND_BYTES || value % 4 !== 0) {
        this.respond(SE_RESPONSE.INVALID_PARAMETER, []);
        return true;
      }
      this.expectedBytes = value;
    }
    this.pendingCommand.push(value);
    if (this.pendingCommand.length * 4 >= this.expectedBytes) {
      const [, command = 0, ...parameters] = this.pendingCommand;
      this.pendingCommand = [];
      this.execute(command >>> 0, parameters);
    }
    return true;
  }

  private respond(code: number, payload: readonly number[]): void {
    this.response = [(((code & 0xffff) << 16) | ((4 + payload.length * 4) & 0xffff)) >>> 0, ...payload.map((w) => w >>> 0)];
  }

  private execute(command: number, parameters: readonly number[]): void {
    const s = this.state;
    switch (command) {
      case SE_COMMAND.GET_STATUS:
        // 9 words; word 4 boot status, 5/6 firmware versions, 7 the debug status word, 8 secure boot.
        this.respond(SE_RESPONSE.OK, [0, 0, 0, 0, 0x20, 0x00020402, 0, this.debugStatusWord(), 0]);
        return;
      case SE_COMMAND.DBG_LOCK_STATUS:
        this.respond(SE_RESPONSE.OK, [this.debugStatusWord()]);
        return;
      case SE_COMMAND.READ_SERIAL: {
        const eui = this.host.eui64();
        this.respond(SE_RESPONSE.OK, [0, 0, Number(eui >> 32n), Number(eui & 0xffffffffn)]);
        return;
      }
      case SE_COMMAND.DBG_LOCK_APPLY:
        s.debugLockConfigured = true;
        this.respond(SE_RESPONSE.OK, []);
        return;
      case SE_COMMAND.DBG_LOCK_ENABLE_SECURE:
        if (!s.commandKeyInstalled) return this.respond(SE_RESPONSE.AUTHORIZATION_ERROR, []);
        s.secureDebugEnabled = true;
        this.respond(SE_RESPONSE.OK, []);
        return;
      case SE_COMMAND.DBG_LOCK_DISABLE_SECURE:
        // Once device erase is disabled the lock configuration is final.
        if (!s.deviceEraseEnabled && s.debugLockConfigured) return this.respond(SE_RESPONSE.AUTHORIZATION_ERROR, []);
        s.secureDebugEnabled = false;
        this.respond(SE_RESPONSE.OK, []);
        return;
      case SE_COMMAND.DEVICE_ERASE:
        if (!s.deviceEraseEnabled) return this.respond(SE_RESPONSE.AUTHORIZATION_ERROR, []);
        this.host.eraseMainFlash();
        s.debugLockConfigured = false;
        s.restrictions = 0;
        this.respond(SE_RESPONSE.OK, []);
        return;
      case SE_COMMAND.DEVICE_ERASE_DISABLE:
        s.deviceEraseEnabled = false;
        this.respond(SE_RESPONSE.OK, []);
        return;
      case SE_COMMAND.DBG_SET_RESTRICTIONS:
        if (parameters.length < 1) return this.respond(SE_RESPONSE.INVALID_PARAMETER, []);
        s.restrictions = parameters[0]! & 0xf;
        this.respond(SE_RESPONSE.OK, []);
        return;
      default:
        this.respond(SE_RESPONSE.INVALID_COMMAND, []);
    }
  }
}
