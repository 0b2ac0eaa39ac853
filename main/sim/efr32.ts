/**
 * The simulated EFR32 itself, below any debug port: its memory map (DEVINFO for the configured part,
 * main flash, the user-data page, the Series 1 lock-bits page, SRAM, the few core debug registers a
 * probe touches), its lock state (the Series 2 Secure Engine, or the Series 1 debug lock word + AAP)
 * and its reset behaviour. Pure: bytes in, bytes out, no timers and no files.
 *
 * No ARM code runs. When the core starts (a hardware or system reset, or `go` after a halt reset) the
 * chip looks at the header at its flash base (firmware.ts) and starts what it names: the provisioning
 * agent, or the Matter application (no agent). Keys live in the chip's key store, which survives resets.
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import { devinfoFromPart, familyLayout, type PartInfo } from '../silabs/parts';
import { formatEui64, parseEui64, resolveSimConfig, type ResolvedSimConfig, type SimConfig } from './config';
import { ProvisioningAgent, type AgentOptions } from './agent/agent';
import { SimKeyStore } from './agent/keyStore';
import { buildSimulatedFirmware, recogniseSimulatedFirmware, SIM_FIRMWARE_HEADER_SIZE, type RecognisedFirmware } from './firmware';
import { FlashRegion, hex } from './flash';
import { RTT_CONTROL_BLOCK_OFFSET, RTT_ID_SIZE } from './rtt';
import { freshSecureEngineState, SecureEngine, type SecureEngineState } from './secureEngine';

export type SimResetKind = 'hardware' | 'system' | 'halt';

export const USER_DATA_BASE = 0x0fe00000;
export const LOCK_BITS_BASE = 0x0fe04000;
/** Series 1 Debug Lock Word (lock-bits word 127) and AAP Lock Word (word 124). */
export const SERIES1_DLW = 0x0fe041fc;
export const SERIES1_ALW = 0x0fe041f0;
/** The value Silicon Labs' example programs to lock a Series 1 part. */
export const SERIES1_DLW_LOCKED = 0xfffffff0;

export const DHCSR = 0xe000edf0;
export const DEMCR = 0xe000edfc;
export const AIRCR = 0xe000ed0c;
const DHCSR_KEY = 0xa05f0000;
const DHCSR_C_DEBUGEN = 1 << 0;
const DHCSR_C_HALT = 1 << 1;
const DHCSR_S_HALT = 1 << 17;
const AIRCR_KEY = 0x05fa0000;
const AIRCR_SYSRESETREQ = 1 << 2;

interface PlainRegion {
  readonly name: string;
  readonly base: number;
  readonly bytes: Uint8Array;
  readonly writable: boolean;
}

function littleEndianWord(target: Uint8Array, offset: number, value: number): void {
  new DataView(target.buffer, target.byteOffset, target.byteLength).setUint32(offset, value >>> 0, true);
}

const STATE_MAGIC = 'MLSIMST1';

interface SavedState {
  readonly part: string;
  readonly eui64: string;
  readonly se: SecureEngineState | null;
  readonly series1PortLocked: boolean;
  readonly regions: readonly { readonly name: string; readonly base: number; readonly size: number }[];
}

export class SimulatedEfr32 {
  readonly part: PartInfo;
  readonly series: 1 | 2;
  readonly mainFlash: FlashRegion;
  readonly userData: FlashRegion;
  /** Series 1 only. */
  readonly lockBits: FlashRegion | null;
  readonly sram: Uint8Array;
  readonly sramBase: number;
  /** Series 2 only. */
  readonly secureEngine: SecureEngine | null;
  private devinfo!: PlainRegion;
  private euiValue: bigint;
  private series1Locked = false;
  private halted = false;
  private debugEnabled = false;
  private demcr = 0;
  private agentInstance: ProvisioningAgent | null = null;
  /** A halt reset left the core at its first instruction: the firmware starts at the next resume. */
  private bootPending = false;
  private booted: RecognisedFirmware = { kind: 'none' };
  /** PSA persistent keys (the DAC key, id 2): kept across resets and reflashing, lost with a device erase. */
  readonly keyStore = new SimKeyStore();

  private constructor(readonly config: ResolvedSimConfig) {
    this.part = config.part;
    this.series = config.part.series;
    this.euiValue = config.eui64;
    const memory = config.part.memory;
    this.mainFlash = new FlashRegion('main flash', memory.flashBase, memory.flashSize, memory.pageSize);
    const userDataSize = this.series === 2 ? 1024 : memory.pageSize;
    this.userData = new FlashRegion('user data', USER_DATA_BASE, userDataSize, userDataSize);
    this.lockBits = this.series === 1 ? new FlashRegion('lock bits', LOCK_BITS_BASE, memory.pageSize, memory.pageSize) : null;
    this.sramBase = memory.sramBase;
    const sramKiB = config.part.sramKiB ?? familyLayout(config.part.family).defaultSramKiB;
    this.sram = new Uint8Array(sramKiB * 1024);
    this.buildDevinfo();
    if (this.series === 2) {
      const state = freshSecureEngineState();
      state.commandKeyInstalled = config.commandKeyInstalled;
      this.secureEngine = new SecureEngine(state, {
        eraseMainFlash: () => {
          this.mainFlash.eraseAll();
          this.keyStore.clear();
        },
        eui64: () => this.euiValue,
      });
    } else {
      this.secureEngine = null;
    }
    this.programFactoryFirmware();
    this.applyFactoryLock();
  }

  /** The board's firmware as configured (`firmware`, or `agent: true`): a simulated image at the flash base. */
  private programFactoryFirmware(): void {
    if (this.config.firmware === 'none') return;
    const image = buildSimulatedFirmware({ kind: this.config.firmware, part: this.part });
    const segment = image.ok ? image.value.segments[0] : undefined;
    if (segment !== undefined) this.mainFlash.programWords(segment.address, segment.bytes);
  }

  /**
   * What the core does when it starts running: the startup code zeroes .bss (where an RTT control
   * block lives, so a stale one disappears), then the image at the flash base runs. A simulated agent
   * image starts a fresh agent; a simulated application, a foreign image or erased flash start none.
   * Called at power-up, at a reset that lets the core run, and at `go` after a halt reset.
   */
  bootFirmware(): RecognisedFirmware {
    this.bootPending = false;
    this.agentInstance = null;
    this.sram.fill(0, RTT_CONTROL_BLOCK_OFFSET, RTT_CONTROL_BLOCK_OFFSET + RTT_ID_SIZE);
    this.booted = recogniseSimulatedFirmware(this.mainFlash.read(this.mainFlash.base, SIM_FIRMWARE_HEADER_SIZE));
    if (this.booted.kind === 'agent') void this.startAgent();
    return this.booted;
  }

  /** What the last boot found at the flash base (the firmware the core runs, unless `startAgent` loaded one since). */
  get firmware(): RecognisedFirmware {
    return this.booted;
  }

  /**
   * Starts the provisioning agent (as if the host had loaded the generator firmware, or the
   * application entered provisioning mode): it lays out its RTT control block in SRAM and answers
   * Protocol v2 whenever the CPU runs. A running agent is replaced by a fresh one; the key store is
   * the chip's, so a key made before is still there, as a PSA persistent key would be.
   */
  startAgent(options: AgentOptions = {}): Result<ProvisioningAgent> {
    const fault = this.config.faults.find((f) => f.kind === 'rtt-timeout');
    const silent = fault?.kind === 'rtt-timeout' ? { silentAfterPackages: fault.afterPackages ?? 0 } : {};
    const agent = new ProvisioningAgent(this, { ...silent, ...options });
    const started = agent.start();
    if (!started.ok) return started;
    this.agentInstance = agent;
    return success(agent);
  }

  get agent(): ProvisioningAgent | null {
    return this.agentInstance;
  }

  /** CPU time for the agent: called by the probe around RTT accesses. A halted core runs nothing. */
  runAgent(): void {
    if (!this.halted) this.agentInstance?.run();
  }

  /** A powered-up chip: its firmware (if any) is running. */
  static create(config: SimConfig): Result<SimulatedEfr32> {
    const resolved = resolveSimConfig(config);
    if (!resolved.ok) return resolved;
    return success(SimulatedEfr32.fromResolved(resolved.value));
  }

  static fromResolved(config: ResolvedSimConfig): SimulatedEfr32 {
    const chip = new SimulatedEfr32(config);
    chip.bootFirmware();
    return chip;
  }

  /** A chip powered up with a saved state's flash: the firmware that runs is the one in the state. */
  static fromState(config: ResolvedSimConfig, state: Uint8Array): Result<SimulatedEfr32> {
    const chip = new SimulatedEfr32(config);
    const loaded = chip.loadState(state);
    if (!loaded.ok) return loaded;
    chip.bootFirmware();
    return success(chip);
  }

  get eui64(): bigint {
    return this.euiValue;
  }

  setEui64(value: bigint | string): Result<void> {
    const parsed = parseEui64(value);
    if (!parsed.ok) return parsed;
    this.euiValue = parsed.value;
    this.buildDevinfo();
    return success(undefined);
  }

  private buildDevinfo(): void {
    const words = devinfoFromPart(this.part, { eui64: formatEui64(this.euiValue) });
    const layout = this.part.memory.devinfo;
    // Series 2 DEVINFO spans 0x0FE08000–0x0FE081FF (LEGACY at +0x1FC); Series 1 ends with DEVINFOREV at 0x0FE08200.
    const size = this.series === 2 ? 0x200 : 0x54;
    const bytes = new Uint8Array(size);
    const put = (address: number, value: number | undefined): void => {
      if (value !== undefined) littleEndianWord(bytes, address - layout.base, value);
    };
    put(layout.part, words.part);
    put(layout.msize, words.msize);
    put(layout.eui64Low, words.eui64Low);
    put(layout.eui64High, words.eui64High);
    if (this.series === 2) {
      put(layout.base, words.info);
      put(layout.meminfo, words.meminfo);
      put(layout.pkginfo, words.pkginfo);
      // LEGACY: DEVICEFAMILY (bits 23:16) = 0x80 is the family byte at 0x0FE081FE.
      put(layout.base + 0x1fc, (words.familyByte & 0xff) << 16);
    } else {
      put(layout.pkginfo, words.pkginfo);
    }
    this.devinfo = { name: 'DEVINFO', base: layout.base, bytes, writable: false };
  }

  private applyFactoryLock(): void {
    const mode = this.config.locked;
    if (mode === 'none') return;
    if (this.series === 2) {
      const s = this.secureEngine!.state;
      s.debugLockConfigured = true;
      s.portLocked = true;
      if (mode === 'permanent' || mode === 'secure') s.deviceEraseEnabled = false;
      if (mode === 'secure') s.secureDebugEnabled = true;
    } else {
      const lockBits = this.lockBits!;
      lockBits.programWords(SERIES1_DLW, wordBytes(mode === 'permanent' ? 0 : SERIES1_DLW_LOCKED));
      if (mode === 'permanent') lockBits.programWords(SERIES1_ALW, wordBytes(0));
      this.series1Locked = true;
    }
  }

  /** Whether the AHB-AP currently refuses memory access. */
  get debugLocked(): boolean {
    return this.series === 2 ? this.secureEngine!.state.portLocked : this.series1Locked;
  }

  get isHalted(): boolean {
    return this.halted;
  }

  /** Series 1: the debug lock word says "locked" (takes effect at the next pin reset). */
  series1LockWordSet(): boolean {
    if (this.lockBits === null) return false;
    return (this.readWord(this.lockBits, SERIES1_DLW) & 0xf) !== 0xf;
  }

  /** Series 1: the AAP lock word is cleared, so not even the AAP can erase the part. */
  series1AapLocked(): boolean {
    if (this.lockBits === null) return false;
    return (this.readWord(this.lockBits, SERIES1_ALW) & 0xf) !== 0xf;
  }

  private readWord(region: FlashRegion, address: number): number {
    const b = region.read(address, 4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** Series 1 AAP DEVICEERASE: main flash, SRAM and the lock-bits page (not the user-data page). */
  series1DeviceErase(): boolean {
    if (this.series !== 1 || this.series1AapLocked()) return false;
    this.mainFlash.eraseAll();
    this.lockBits!.eraseAll();
    this.sram.fill(0);
    this.keyStore.clear();
    return true;
  }

  /**
   * Series 2: any reset boots the SE, which closes or opens the port as configured. Series 1: the lock
   * word is only read at a pin (hardware) reset. 'halt' leaves the core halted at its first instruction,
   * and the firmware starts when the core is resumed. Whatever ran before the reset stops.
   */
  reset(kind: SimResetKind): void {
    if (this.secureEngine !== null) this.secureEngine.onReset();
    if (this.series === 1 && kind === 'hardware') this.series1Locked = this.series1LockWordSet();
    this.halted = kind === 'halt' && !this.debugLocked;
    if (kind === 'hardware') this.debugEnabled = false;
    this.agentInstance = null;
    if (this.halted) this.bootPending = true;
    else this.bootFirmware();
  }

  setHalted(halted: boolean): void {
    this.halted = halted;
    if (!halted && this.bootPending) this.bootFirmware();
  }

  /** Region holding [address, address + length), or an unmapped-address failure. */
  private regionFor(address: number, length: number): Result<FlashRegion | PlainRegion | 'core'> {
    const flashes = [this.mainFlash, this.userData, ...(this.lockBits === null ? [] : [this.lockBits])];
    for (const flash of flashes) if (flash.contains(address, length)) return success(flash);
    const plain: PlainRegion[] = [this.devinfo, { name: 'SRAM', base: this.sramBase, bytes: this.sram, writable: true }];
    for (const region of plain) if (address >= region.base && address + length <= region.base + region.bytes.length) return success(region);
    if (length === 4 && (address === DHCSR || address === DEMCR || address === AIRCR)) return success('core');
    return failure('SIM_ADDRESS_UNMAPPED', `${length} bytes at ${hex(address)}`);
  }

  /** A read as the AHB-AP performs it (the caller checks the lock). */
  read(address: number, length: number, width: 8 | 16 | 32 = 32): Result<Uint8Array> {
    const aligned = checkAlignment(address, length, width);
    if (!aligned.ok) return aligned;
    if (length === 0) return success(new Uint8Array(0));
    const region = this.regionFor(address, length);
    if (!region.ok) return region;
    if (region.value === 'core') return success(wordBytes(this.coreRegister(address)));
    if (region.value instanceof FlashRegion) return success(region.value.read(address, length));
    const offset = address - region.value.base;
    return success(region.value.bytes.slice(offset, offset + length));
  }

  /** A write as the AHB-AP performs it: SRAM and the core debug registers; flash only through its controller. */
  write(address: number, bytes: Uint8Array, width: 8 | 16 | 32 = 32): Result<void> {
    const aligned = checkAlignment(address, bytes.length, width);
    if (!aligned.ok) return aligned;
    if (bytes.length === 0) return success(undefined);
    const region = this.regionFor(address, bytes.length);
    if (!region.ok) return region;
    if (region.value === 'core') {
      this.writeCoreRegister(address, (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0);
      return success(undefined);
    }
    if (region.value instanceof FlashRegion) return failure('SIM_FLASH_WRITE_REFUSED', `${bytes.length} bytes at ${hex(address)} (${region.value.name})`);
    if (!region.value.writable) return failure('SIM_FLASH_WRITE_REFUSED', `${bytes.length} bytes at ${hex(address)} (${region.value.name} is read-only)`);
    region.value.bytes.set(bytes, address - region.value.base);
    return success(undefined);
  }

  /** The flash region a page-aligned programming range falls in. */
  flashRegionFor(address: number, length: number): Result<FlashRegion> {
    for (const flash of [this.mainFlash, this.userData, ...(this.lockBits === null ? [] : [this.lockBits])]) {
      if (flash.contains(address, length)) {
        if ((address - flash.base) % flash.pageSize !== 0 || length % flash.pageSize !== 0 || length === 0) {
          return failure('SIM_FLASH_UNALIGNED', `${length} bytes at ${hex(address)} are not whole ${flash.pageSize}-byte pages of ${flash.name}`);
        }
        return success(flash);
      }
    }
    return failure('SIM_ADDRESS_UNMAPPED', `${length} bytes at ${hex(address)} are not inside one flash region`);
  }

  private coreRegister(address: number): number {
    if (address === DHCSR) return ((this.debugEnabled ? DHCSR_C_DEBUGEN : 0) | (this.halted ? DHCSR_C_HALT | DHCSR_S_HALT : 0)) >>> 0;
    if (address === DEMCR) return this.demcr;
    return 0xfa050000;
  }

  private writeCoreRegister(address: number, value: number): void {
    if (address === DHCSR) {
      if ((value & 0xffff0000) >>> 0 !== DHCSR_KEY) return;
      this.debugEnabled = (value & DHCSR_C_DEBUGEN) !== 0;
      this.setHalted(this.debugEnabled && (value & DHCSR_C_HALT) !== 0);
    } else if (address === DEMCR) {
      this.demcr = value >>> 0;
    } else if (address === AIRCR && (value & 0xffff0000) >>> 0 === AIRCR_KEY && (value & AIRCR_SYSRESETREQ) !== 0) {
      this.reset('system');
    }
  }

  /** Flash contents (with write counts), Secure Engine state and EUI-64 as bytes; SRAM is not kept. */
  saveState(): Uint8Array {
    const flashes = [this.mainFlash, this.userData, ...(this.lockBits === null ? [] : [this.lockBits])];
    const header: SavedState = {
      part: this.part.orderablePartNumber,
      eui64: formatEui64(this.euiValue),
      se: this.secureEngine === null ? null : { ...this.secureEngine.state },
      series1PortLocked: this.series1Locked,
      regions: flashes.map((f) => ({ name: f.name, base: f.base, size: f.size })),
    };
    const json = new TextEncoder().encode(JSON.stringify(header));
    const total = 8 + 4 + json.length + flashes.reduce((sum, f) => sum + f.size + f.size / 4, 0);
    const out = new Uint8Array(total);
    out.set(new TextEncoder().encode(STATE_MAGIC), 0);
    littleEndianWord(out, 8, json.length);
    out.set(json, 12);
    let offset = 12 + json.length;
    for (const flash of flashes) {
      out.set(flash.bytes, offset);
      offset += flash.size;
      out.set(flash.writeCounts, offset);
      offset += flash.size / 4;
    }
    return out;
  }

  /** Restores what saveState wrote; refused (nothing changed) for another part or a damaged state. */
  loadState(bytes: Uint8Array): Result<void> {
    if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== STATE_MAGIC) return failure('SIM_STATE_INVALID', 'not a simulator state (bad magic)');
    const jsonLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
    if (12 + jsonLength > bytes.length) return failure('SIM_STATE_INVALID', 'header longer than the state');
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + jsonLength)));
    } catch (error) {
      return failure('SIM_STATE_INVALID', `header is not JSON: ${(error as Error).message}`);
    }
    if (!isSavedState(parsed)) return failure('SIM_STATE_INVALID', 'header does not have the fields of a simulator state');
    const header = parsed;
    if (header.part !== this.part.orderablePartNumber) return failure('SIM_STATE_INVALID', `state is of ${String(header.part)}, the board is ${this.part.orderablePartNumber}`);
    const flashes = [this.mainFlash, this.userData, ...(this.lockBits === null ? [] : [this.lockBits])];
    if (!Array.isArray(header.regions) || header.regions.length !== flashes.length || header.regions.some((r, i) => r.base !== flashes[i]!.base || r.size !== flashes[i]!.size)) {
      return failure('SIM_STATE_INVALID', 'flash regions differ from the part\'s');
    }
    const expected = 12 + jsonLength + flashes.reduce((sum, f) => sum + f.size + f.size / 4, 0);
    if (bytes.length !== expected) return failure('SIM_STATE_INVALID', `state is ${bytes.length} bytes, expected ${expected}`);
    const eui = parseEui64(String(header.eui64));
    if (!eui.ok) return failure('SIM_STATE_INVALID', `eui64: ${eui.error.detail ?? ''}`);
    if ((header.se === null) !== (this.secureEngine === null)) return failure('SIM_STATE_INVALID', 'Secure Engine state does not match the series');
    let offset = 12 + jsonLength;
    for (const flash of flashes) {
      flash.bytes.set(bytes.subarray(offset, offset + flash.size));
      offset += flash.size;
      flash.writeCounts.set(bytes.subarray(offset, offset + flash.size / 4));
      offset += flash.size / 4;
      flash.markChanged();
    }
    if (this.secureEngine !== null && header.se !== null) {
      const s = this.secureEngine.state;
      s.debugLockConfigured = header.se.debugLockConfigured === true;
      s.deviceEraseEnabled = header.se.deviceEraseEnabled !== false;
      s.secureDebugEnabled = header.se.secureDebugEnabled === true;
      s.commandKeyInstalled = header.se.commandKeyInstalled === true;
      s.portLocked = header.se.portLocked === true;
      s.restrictions = Number(header.se.restrictions) & 0xf;
    }
    this.series1Locked = header.series1PortLocked === true;
    this.euiValue = eui.value;
    this.buildDevinfo();
    return success(undefined);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The header came from a file: check every field's shape before trusting it. */
function isSavedState(value: unknown): value is SavedState {
  if (!isRecord(value) || typeof value.part !== 'string' || typeof value.eui64 !== 'string' || typeof value.series1PortLocked !== 'boolean') return false;
  if (!Array.isArray(value.regions) || !value.regions.every((r) => isRecord(r) && typeof r.base === 'number' && typeof r.size === 'number')) return false;
  if (value.se === null) return true;
  if (!isRecord(value.se)) return false;
  const se = value.se;
  return (
    ['debugLockConfigured', 'deviceEraseEnabled', 'secureDebugEnabled', 'commandKeyInstalled', 'portLocked'].every((key) => typeof se[key] === 'boolean') &&
    typeof se.restrictions === 'number'
  );
}

export function wordBytes(value: number): Uint8Array {
  const out = new Uint8Array(4);
  littleEndianWord(out, 0, value);
  return out;
}

function checkAlignment(address: number, length: number, width: number): Result<void> {
  const size = width / 8;
  if (![1, 2, 4].includes(size) || !Number.isInteger(address) || !Number.isInteger(length) || address < 0 || length < 0 || address + length > 0x1_0000_0000) {
    return failure('SIM_ACCESS_INVALID', `${length} bytes of width ${width} at ${hex(address)}`);
  }
  if (address % size !== 0 || length % size !== 0) return failure('SIM_ACCESS_INVALID', `${length} bytes at ${hex(address)} are not aligned to ${width}-bit accesses`);
  return success(undefined);
}
