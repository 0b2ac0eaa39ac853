/**
 * The provisioning agent running "inside" the simulated chip, like Silicon Labs' generator firmware
 * (silabs-provisioning.md §3.4): Provision Protocol v2 over RTT buffer 0, one package per RTT write.
 * Init reports the page size and the credentials page address; CSR generates a P-256 key and Write's
 * dac_key imports one (host key mode); either goes into the chip's key store (keyStore.ts: not flash,
 * not SRAM, so no debug read can reach it, and it survives resets as a PSA persistent key does) and
 * CSR returns a PEM CSR; Write appends factory data to NVM3 with appendNvm3 (the firmware's write path) and puts
 * certificates into the credentials page at 64-byte-aligned offsets; Read returns stored values from
 * flash; Finish ends the session (no response). The agent runs when the chip's CPU runs: the
 * simulated probe calls `run()` around every RTT access.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { success, type Result } from '../../../preload/contract/errors';
import { generateP256KeyPair, parsePrivateKey, type P256KeyPair } from '../../matter/certificates/keys';
import { CREDENTIAL_ALIGNMENT, DEFAULT_CREDENTIAL_LIMITS, type CredentialName } from '../../silabs/credentialsPage';
import { decodeFactoryData, encodeFactoryData, type FactoryData, type FactoryField } from '../../silabs/factoryData';
import { appendNvm3, readNvm3, writeNvm3, type Nvm3Entry, type NvmGeometry } from '../../silabs/nvm3';
import type { PartInfo } from '../../silabs/parts';
import {
  ArgumentReassembler,
  ArgumentStream,
  binaryArgument,
  COMMAND,
  decodeRequestPackage,
  encodeResponsePackage,
  FIRST_COUNTER,
  MAX_RESPONSE_PAYLOAD,
  nextCounter,
  PARAMETER,
  parameterInfo,
  REQUEST_HEADER_SIZE,
  CHECKSUM_SIZE,
  u32Argument,
  type CommandId,
  type ProvisionArgument,
} from '../../silabs/provisionProtocol';
import type { FlashRegion } from '../flash';
import { RTT_CONTROL_BLOCK_OFFSET, RTT_DOWN_BUFFER_SIZE, rttControlBlockImage, rttRingRead, rttRingWrite, type RttControlBlock, type RttMemory } from '../rtt';
import { buildAgentCsr, agentCsrPem } from './csr';
import { SimKeyStore } from './keyStore';

/** NVM3_DEFAULT_NVM_SIZE of Silicon Labs' Matter builds (silabs-provisioning.md §1.1). */
export const AGENT_NVM3_SIZE = 40960;
/** PSA key id the firmware gives the DAC key (PSA_KEY_ID_USER_MIN + 1). */
export const AGENT_DAC_KEY_ID = 2;

/**
 * Error codes the simulated agent answers with. CHIP_ERROR-style numbers chosen by the simulator
 * (only 0 = success is fixed by the protocol); the host reports them as numbers.
 */
export const AGENT_STATUS = {
  ok: 0,
  incorrectState: 0x03,
  invalidMessage: 0x0b,
  invalidArgument: 0x2f,
  notFound: 0x92,
  notImplemented: 0x2d,
  internal: 0xac,
} as const;

/** What the agent needs of the chip it runs on: its part, main flash and CPU-side memory access. */
export interface AgentChip {
  readonly part: PartInfo;
  readonly mainFlash: FlashRegion;
  readonly sramBase: number;
  read(address: number, length: number, width?: 8 | 16 | 32): Result<Uint8Array>;
  write(address: number, bytes: Uint8Array, width?: 8 | 16 | 32): Result<void>;
  /** The chip's persistent key store; without one the agent keeps its key in a store of its own (lost with the agent). */
  readonly keyStore?: SimKeyStore;
}

export interface AgentOptions {
  /** Key generation for CSR (tests pass one that lets them see the key, to prove it never leaks). */
  readonly generateKeyPair?: () => P256KeyPair;
  /** The rtt-timeout fault: answer this many packages, then stop answering. */
  readonly silentAfterPackages?: number;
}

const P = PARAMETER;
/** Protocol parameter → factory data field (silabs-provisioning.md §3.2 Write, §2.3). */
const WIRE_FIELDS: ReadonlyMap<number, FactoryField> = new Map<number, FactoryField>([
  [P.serialNumber, 'serialNumber'],
  [P.vendorId, 'vendorId'],
  [P.vendorName, 'vendorName'],
  [P.productId, 'productId'],
  [P.productName, 'productName'],
  [P.productLabel, 'productLabel'],
  [P.productUrl, 'productUrl'],
  [P.partNumber, 'partNumber'],
  [P.hwVersion, 'hardwareVersion'],
  [P.hwVersionString, 'hardwareVersionString'],
  [P.manufacturingDate, 'manufacturingDate'],
  [P.uniqueId, 'uniqueId'],
  [P.discriminator, 'discriminator'],
  [P.spake2pPasscode, 'passcode'],
  [P.spake2pIterations, 'spake2pIterations'],
  [P.spake2pSalt, 'spake2pSalt'],
  [P.spake2pVerifier, 'spake2pVerifier'],
  [P.commissioningFlow, 'commissioningFlow'],
  [P.rendezvousFlags, 'discoveryCapabilities'],
  [P.keyId, 'keyId'],
  [P.version, 'provisionVersion'],
  [P.testKey, 'testEventTriggerKey'],
]);
const BYTE_FIELDS: ReadonlySet<FactoryField> = new Set<FactoryField>(['uniqueId', 'testEventTriggerKey']);
const CREDENTIAL_IDS: ReadonlyMap<number, CredentialName> = new Map<number, CredentialName>([
  [P.dacCert, 'dac'],
  [P.paiCert, 'pai'],
  [P.certification, 'cd'],
]);

interface CommandState {
  readonly command: CommandId;
  counter: number;
  readonly reassembler: ArgumentReassembler;
  readonly out: ArgumentStream;
  status: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class ProvisioningAgent {
  /** Where the DAC key goes (key id 2): the chip's key store, never simulated memory. */
  readonly #keys: SimKeyStore;
  private block: RttControlBlock | null = null;
  private input: Uint8Array = new Uint8Array(0);
  private current: CommandState | null = null;
  private answered = 0;
  private finishedSession = false;
  private flashAddress: number | null = null;
  private flashSize: number | null = null;
  private credsOverride: number | null = null;
  /** Next free offset in the credentials page this session; null until the first file (page erased then). */
  private credsNext: number | null = null;
  private csrSubject: { commonName?: string; vendorId?: number; productId?: number } = {};
  private data: Mutable<FactoryData> = {};
  /** The factory data last parsed from NVM3, and the flash change count it was parsed at. */
  private storedView: { readonly generation: number; readonly base: number; readonly data: FactoryData } | null = null;

  constructor(
    private readonly chip: AgentChip,
    private readonly options: AgentOptions = {},
  ) {
    this.#keys = chip.keyStore ?? new SimKeyStore();
  }

  /** Lays out the RTT control block in SRAM, as the firmware's RTT init does. */
  start(): Result<void> {
    const { bytes, block } = rttControlBlockImage(this.chip.sramBase + RTT_CONTROL_BLOCK_OFFSET);
    const written = this.chip.write(block.address, bytes, 8);
    if (!written.ok) return written;
    this.block = block;
    return success(undefined);
  }

  get controlBlockAddress(): number | null {
    return this.block?.address ?? null;
  }

  /** Finish was received: the agent has left provisioning mode. */
  get finished(): boolean {
    return this.finishedSession;
  }

  get hasKey(): boolean {
    return this.#keys.has(AGENT_DAC_KEY_ID);
  }

  /** The DAC key's SubjectPublicKeyInfo DER (what a DAC must certify); null without a key. */
  get publicKey(): Uint8Array | null {
    return this.#keys.publicKey(AGENT_DAC_KEY_ID);
  }

  /** A device erase wipes the key store too. */
  forgetKey(): void {
    this.#keys.delete(AGENT_DAC_KEY_ID);
  }

  private memory(): RttMemory {
    return { read: (address, length) => this.chip.read(address, length, 8), write: (address, bytes) => this.chip.write(address, bytes, 8) };
  }

  private silent(): boolean {
    return this.options.silentAfterPackages !== undefined && this.answered >= this.options.silentAfterPackages;
  }

  /** One slice of CPU time: take what the host wrote into down-buffer 0 and answer each complete package. */
  run(): void {
    const block = this.block;
    if (block === null || this.finishedSession) return;
    const down = block.down[0];
    const up = block.up[0];
    if (down === undefined || up === undefined) return;
    const memory = this.memory();
    // Scrubbed: an imported key must not stay behind in the down buffer's SRAM.
    const got = rttRingRead(memory, down, RTT_DOWN_BUFFER_SIZE, { scrub: true });
    if (!got.ok) return; // the control block was overwritten: the firmware would be lost too
    if (got.value.length > 0) this.input = concat(this.input, got.value);
    while (this.input.length >= REQUEST_HEADER_SIZE && !this.finishedSession) {
      const size = REQUEST_HEADER_SIZE + this.input[3]! + CHECKSUM_SIZE;
      if (this.input.length < size) break;
      const pkg = this.input.slice(0, size);
      this.input = this.input.slice(size);
      if (this.silent()) continue;
      const response = this.handle(pkg);
      if (response === null) continue;
      this.answered += 1;
      rttRingWrite(memory, up, response);
    }
  }

  private respond(command: number, counter: number, status: number, payload: Uint8Array): Uint8Array | null {
    const encoded = encodeResponsePackage({ command: status === 0 ? command : command & 0x7f, counter, errorCode: status, payload });
    return encoded.ok ? encoded.value : null;
  }

  private handle(bytes: Uint8Array): Uint8Array | null {
    const decoded = decodeRequestPackage(bytes);
    if (!decoded.ok) return this.respond(0, bytes[2] ?? 0, AGENT_STATUS.invalidMessage, new Uint8Array(0));
    const { command, counter, payload } = decoded.value;
    if (command === COMMAND.Finish) {
      this.finishedSession = true;
      return null;
    }
    let state = this.current;
    if (state === null || state.command !== command || counter === FIRST_COUNTER) {
      state = { command, counter, reassembler: new ArgumentReassembler(), out: new ArgumentStream(), status: 0 };
      this.current = state;
      if (command === COMMAND.Init) {
        this.credsNext = null;
        this.flashAddress = null;
        this.flashSize = null;
        this.credsOverride = null;
      }
    } else if (counter !== nextCounter(state.counter)) {
      state.status = AGENT_STATUS.invalidMessage;
    }
    state.counter = counter;
    if (state.status === 0) {
      const args = state.reassembler.push(payload);
      if (!args.ok) state.status = AGENT_STATUS.invalidMessage;
      else {
        for (const arg of args.value) {
          const status = this.apply(command, arg, state.out);
          if (status !== 0) {
            state.status = status;
            break;
          }
        }
      }
    }
    return this.respond(command, counter, state.status, state.status === 0 ? state.out.take(MAX_RESPONSE_PAYLOAD) : new Uint8Array(0));
  }

  private apply(command: CommandId, arg: ProvisionArgument, out: ArgumentStream): number {
    switch (command) {
      case COMMAND.Init:
        return this.applyInit(arg, out);
      case COMMAND.Csr:
        return this.applyCsr(arg, out);
      case COMMAND.Write:
        return this.applyWrite(arg, out);
      case COMMAND.Read:
        return this.feedback(arg.id, out);
      default:
        return AGENT_STATUS.invalidMessage;
    }
  }

  private get pageSize(): number {
    return this.chip.part.memory.pageSize;
  }

  /** The credentials page: the given address, else the last page of the flash Init described, else of the part. */
  credentialsBase(): number {
    if (this.credsOverride !== null) return this.credsOverride;
    const memory = this.chip.part.memory;
    const base = this.flashAddress ?? memory.flashBase;
    const size = this.flashSize ?? memory.flashSize;
    return base + size - this.pageSize;
  }

  nvm3Geometry(): NvmGeometry {
    return { baseAddress: this.credentialsBase() - AGENT_NVM3_SIZE, pageSize: this.pageSize, pageCount: AGENT_NVM3_SIZE / this.pageSize, writeSize: this.chip.part.series === 2 ? 16 : 32 };
  }

  private layoutValid(): boolean {
    const flash = this.chip.mainFlash;
    const creds = this.credentialsBase();
    return (creds - flash.base) % this.pageSize === 0 && flash.contains(creds - AGENT_NVM3_SIZE, AGENT_NVM3_SIZE + this.pageSize);
  }

  private applyInit(arg: ProvisionArgument, out: ArgumentStream): number {
    const value = typeof arg.value === 'number' ? arg.value : null;
    if (arg.id === P.flashAddress && value !== null) this.flashAddress = value;
    else if (arg.id === P.flashSize && value !== null) this.flashSize = value;
    else if (arg.id === P.credsAddress && value !== null) this.credsOverride = value;
    if (!this.layoutValid()) return AGENT_STATUS.invalidArgument;
    if (arg.id === P.flashPageSize && arg.feedback) return appended(out, u32Argument(P.flashPageSize, this.pageSize));
    if (arg.id === P.credsAddress && arg.feedback) return appended(out, u32Argument(P.credsAddress, this.credentialsBase()));
    if (arg.feedback && arg.value !== null) return appended(out, arg);
    return AGENT_STATUS.ok;
  }

  private applyCsr(arg: ProvisionArgument, out: ArgumentStream): number {
    if (arg.id === P.commonName && arg.value instanceof Uint8Array) this.csrSubject.commonName = new TextDecoder().decode(arg.value);
    else if (arg.id === P.vendorId && typeof arg.value === 'number') this.csrSubject.vendorId = arg.value;
    else if (arg.id === P.productId && typeof arg.value === 'number') this.csrSubject.productId = arg.value;
    else if (arg.id === P.csr && arg.feedback) {
      if (!this.layoutValid()) return AGENT_STATUS.incorrectState;
      const key = (this.options.generateKeyPair ?? generateP256KeyPair)();
      this.#keys.put(AGENT_DAC_KEY_ID, key);
      const der = buildAgentCsr(key.privateKey, key.spki, this.csrSubject);
      const stored = this.store({ ...this.loadData(), keyId: AGENT_DAC_KEY_ID });
      if (stored !== 0) return stored;
      return appended(out, binaryArgument(P.csr, agentCsrPem(der)));
    }
    if (arg.feedback && arg.id !== P.csr && arg.value !== null) return appended(out, arg);
    return AGENT_STATUS.ok;
  }

  private applyWrite(arg: ProvisionArgument, out: ArgumentStream): number {
    if (!this.layoutValid()) return AGENT_STATUS.incorrectState;
    const credential = CREDENTIAL_IDS.get(arg.id);
    if (credential !== undefined) {
      if (arg.value instanceof Uint8Array) {
        const status = this.writeCredential(credential, arg.value);
        if (status !== 0) return status;
      }
      return arg.feedback ? this.feedback(arg.id, out) : AGENT_STATUS.ok;
    }
    if (arg.id === P.dacKey) return arg.value === null ? AGENT_STATUS.ok : this.importKey(arg.value);
    const field = WIRE_FIELDS.get(arg.id);
    if (field === undefined) return arg.value === null ? AGENT_STATUS.ok : AGENT_STATUS.notImplemented;
    let value: unknown = null;
    if (arg.value !== null) value = fieldValue(field, arg.value);
    else if (arg.feedback && field === 'uniqueId' && this.loadData().uniqueId === undefined) value = new Uint8Array(randomBytes(16));
    else if (arg.feedback && field === 'discriminator' && this.loadData().discriminator === undefined) value = randomInt(0, 0x1000);
    if (value === undefined) return AGENT_STATUS.invalidArgument;
    if (value !== null) {
      const status = this.store({ ...this.loadData(), [field]: value });
      if (status !== 0) return status;
    }
    return arg.feedback ? this.feedback(arg.id, out) : AGENT_STATUS.ok;
  }

  /**
   * Host key mode: a P-256 private key as DER or PEM, SEC1 or PKCS#8 (the firmware takes SEC1 DER and
   * psa_import_key's its scalar, §3.4). It joins the key store under id 2, and NVM3 0x087220 gets the
   * key id, as in CSR mode. The key is never echoed back: feedback and Read do not return it.
   */
  private importKey(value: number | Uint8Array): number {
    if (!(value instanceof Uint8Array)) return AGENT_STATUS.invalidArgument;
    if (!this.layoutValid()) return AGENT_STATUS.incorrectState;
    const key: Result<P256KeyPair> = parsePrivateKey(value);
    if (!key.ok) return AGENT_STATUS.invalidArgument;
    this.#keys.put(AGENT_DAC_KEY_ID, key.value);
    return this.store({ ...this.loadData(), keyId: AGENT_DAC_KEY_ID });
  }

  /** The stored value of a parameter, as the device reports it (Read, or feedback in Write). */
  private feedback(id: number, out: ArgumentStream): number {
    const credential = CREDENTIAL_IDS.get(id);
    const data = this.loadData();
    if (credential !== undefined) {
      const offset = data[`${credential}Offset`];
      const size = data[`${credential}Size`];
      const base = data.credentialsBaseAddress ?? this.credentialsBase();
      if (offset === undefined || size === undefined || !this.chip.mainFlash.contains(base + offset, size)) return AGENT_STATUS.notFound;
      return appended(out, binaryArgument(id, this.chip.mainFlash.read(base + offset, size)));
    }
    if (id === P.flashPageSize) return appended(out, u32Argument(id, this.pageSize));
    if (id === P.credsAddress) return appended(out, u32Argument(id, data.credentialsBaseAddress ?? this.credentialsBase()));
    const field = WIRE_FIELDS.get(id);
    const info = parameterInfo(id);
    if (field === undefined || info === undefined) return AGENT_STATUS.notFound;
    const value = data[field];
    if (value === undefined) return AGENT_STATUS.notFound;
    if (typeof value === 'number') return appended(out, { id, type: info.type, feedback: false, value });
    if (typeof value === 'string') return appended(out, binaryArgument(id, new TextEncoder().encode(value)));
    if (value instanceof Uint8Array) return appended(out, binaryArgument(id, value));
    return AGENT_STATUS.notFound;
  }

  /** Factory data as the firmware would read it back from NVM3 now (plus what waits to complete the setup payload). */
  private loadData(): FactoryData {
    const geometry = this.nvm3Geometry();
    const flash = this.chip.mainFlash;
    // Parsing NVM3 is the agent's costliest work; flash's change counter says when it must be redone.
    const cached = this.storedView;
    let stored: FactoryData;
    if (cached !== null && cached.generation === flash.generation && cached.base === geometry.baseAddress) stored = cached.data;
    else {
      const contents = readNvm3(flash.read(geometry.baseAddress!, AGENT_NVM3_SIZE), geometry);
      const decoded = contents.ok ? decodeFactoryData(contents.value.objects) : null;
      stored = decoded?.ok === true ? decoded.value.factoryData : {};
      this.storedView = { generation: flash.generation, base: geometry.baseAddress!, data: stored };
    }
    return { ...stored, ...this.pendingSetup() };
  }

  /** Passcode, flow and capabilities held back until the setup payload can be encoded (it also needs VID, PID and discriminator). */
  private pendingSetup(): FactoryData {
    const { passcode, commissioningFlow, discoveryCapabilities } = this.data;
    return Object.fromEntries(Object.entries({ passcode, commissioningFlow, discoveryCapabilities }).filter(([, v]) => v !== undefined)) as FactoryData;
  }

  /**
   * Only the objects whose value differs from what NVM3 holds: the firmware writes one object per
   * setter, and appending (which re-reads the region per object) the unchanged ones again would only
   * be skipped after costing a full parse each.
   */
  private changedEntries(entries: readonly Nvm3Entry[]): Nvm3Entry[] {
    this.loadData();
    const current = this.storedView === null ? null : encodeFactoryData(this.storedView.data);
    if (current === null || !current.ok) return [...entries];
    const before = new Map(current.value.map((entry) => [entry.key, entry]));
    return entries.filter((entry) => !sameEntry(before.get(entry.key), entry));
  }

  private store(next: FactoryData): number {
    let entries = encodeFactoryData(next);
    this.data = { ...next };
    if (!entries.ok && entries.error.code === 'FACTORY_VALUE_MISSING') {
      entries = encodeFactoryData({ ...next, passcode: undefined, commissioningFlow: undefined, discoveryCapabilities: undefined });
    } else if (entries.ok) {
      this.data = {};
    }
    if (!entries.ok) {
      this.data = {};
      return AGENT_STATUS.invalidArgument;
    }
    const geometry = this.nvm3Geometry();
    const base = geometry.baseAddress!;
    const before = this.chip.mainFlash.read(base, AGENT_NVM3_SIZE);
    let start = before;
    if (before.every((byte) => byte === 0xff)) {
      // nvm3_open formats an erased region on first use.
      const formatted = writeNvm3([], geometry);
      if (!formatted.ok) return AGENT_STATUS.internal;
      start = formatted.value;
    }
    const appendedImage = appendNvm3(start, this.changedEntries(entries.value), geometry);
    if (!appendedImage.ok) return AGENT_STATUS.internal;
    return programChanges(this.chip.mainFlash, base, before, appendedImage.value.image) ? AGENT_STATUS.ok : AGENT_STATUS.internal;
  }

  /** One certificate into the credentials page, as ProvisionStorageDefault does: page erased before the first, 64-byte-aligned offsets, padded to words with 0xFF. */
  private writeCredential(name: CredentialName, bytes: Uint8Array): number {
    if (bytes.length === 0 || bytes.length > DEFAULT_CREDENTIAL_LIMITS[name]) return AGENT_STATUS.invalidArgument;
    const flash = this.chip.mainFlash;
    const base = this.credentialsBase();
    if (this.credsNext === null) {
      if (!flash.erasePage(base).ok) return AGENT_STATUS.internal;
      this.credsNext = 0;
    }
    const offset = this.credsNext;
    if (offset + bytes.length > this.pageSize) return AGENT_STATUS.invalidArgument;
    const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4).fill(0xff);
    padded.set(bytes);
    if (!flash.programWords(base + offset, padded).ok) return AGENT_STATUS.internal;
    this.credsNext = Math.ceil((offset + bytes.length) / CREDENTIAL_ALIGNMENT) * CREDENTIAL_ALIGNMENT;
    return this.store({ ...this.loadData(), credentialsBaseAddress: base, [`${name}Offset`]: offset, [`${name}Size`]: bytes.length });
  }
}

function sameEntry(a: Nvm3Entry | undefined, b: Nvm3Entry): boolean {
  if (a === undefined || a.type !== b.type) return false;
  if (a.type === 'data' && b.type === 'data') return a.value.length === b.value.length && a.value.every((byte, i) => byte === b.value[i]);
  if (a.type === 'counter' && b.type === 'counter') return a.value === b.value;
  return true;
}

function appended(out: ArgumentStream, arg: ProvisionArgument): number {
  return out.append([arg]).ok ? AGENT_STATUS.ok : AGENT_STATUS.invalidArgument;
}

/** A wire value as the factory field's type; undefined when it has the wrong shape. */
function fieldValue(field: FactoryField, value: number | Uint8Array): unknown {
  if (typeof value === 'number') return BYTE_FIELDS.has(field) ? undefined : value;
  if (BYTE_FIELDS.has(field)) return value.slice();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    return undefined;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Writes `after` over `before` in flash the way the MSC allows: changed words only, erasing a page first when a bit must go back to 1. */
function programChanges(flash: FlashRegion, base: number, before: Uint8Array, after: Uint8Array): boolean {
  for (let page = 0; page < after.length; page += flash.pageSize) {
    let needsErase = false;
    let changed = false;
    for (let i = page; i < page + flash.pageSize; i++) {
      if (before[i] !== after[i]) changed = true;
      if ((before[i]! & after[i]!) !== after[i]) needsErase = true;
    }
    if (!changed) continue;
    if (needsErase && !flash.erasePage(base + page).ok) return false;
    for (let i = page; i < page + flash.pageSize; i += 4) {
      const word = after.subarray(i, i + 4);
      const same = !needsErase && before[i] === word[0] && before[i + 1] === word[1] && before[i + 2] === word[2] && before[i + 3] === word[3];
      const erased = word[0] === 0xff && word[1] === 0xff && word[2] === 0xff && word[3] === 0xff;
      if (same || (needsErase && erased)) continue;
      if (!flash.programWords(base + i, word).ok) return false;
    }
  }
  return true;
}
