/**
 * The host side of an agent session: Provision Protocol v2 (main/silabs/provisionProtocol, host
 * direction) over RTT buffer 0 of any DebugPort, one package per RTT write, each request answered by
 * one response package (silabs-provisioning.md §3.1–3.2). When the device still owes feedback after
 * the last request package, empty requests of the same command pull the rest. Every failure names
 * the command: "CSR: no answer from the agent within 2000 ms".
 */
import { failure, success, type Result } from '../../preload/contract/errors';
import type { CallOptions, DebugPort, RttChannel } from '../probes/debugPort';
import type { FactoryData, FactoryField } from '../silabs/factoryData';
import {
  ArgumentReassembler,
  binaryArgument,
  COMMAND,
  decodeResponsePackage,
  encodeRequestPackage,
  encodeRequestPackages,
  nextCounter,
  PARAMETER,
  parameterInfo,
  requestArgument,
  RESPONSE_HEADER_SIZE,
  CHECKSUM_SIZE,
  textArgument,
  u16Argument,
  u32Argument,
  type CommandId,
  type ProvisionArgument,
} from '../silabs/provisionProtocol';
import { atStep } from './steps';

export type AgentCommandName = 'Init' | 'CSR' | 'Write' | 'Read' | 'Finish';

export interface AgentSessionOptions extends CallOptions {
  /** How long one command may wait for the agent's answers; default 2000 ms (the provision tool's read timeout). */
  readonly commandTimeoutMs?: number;
  /** A known control-block address (otherwise the probe searches SRAM). */
  readonly controlBlockAddress?: number;
  /** Pause between empty RTT reads; default 1 ms. */
  readonly pollIntervalMs?: number;
}

export interface AgentInitRequest {
  readonly flashAddress?: number;
  readonly flashSize?: number;
  /** Put the credentials page here instead of the last flash page. */
  readonly credentialsAddress?: number;
}

export interface AgentInitResult {
  readonly pageSize: number;
  readonly credentialsAddress: number;
}

export interface AgentCsrRequest {
  readonly vendorId: number;
  readonly productId: number;
  readonly commonName?: string;
}

export interface AgentWriteRequest {
  readonly factoryData?: FactoryData;
  /** DER certificates and the CMS-signed CD, written to the credentials page in this order. */
  readonly dac?: Uint8Array;
  readonly pai?: Uint8Array;
  readonly cd?: Uint8Array;
  /** Host key mode: the DAC private key (DER or PEM; the firmware takes SEC1 DER), sent as dac_key after the certificates. */
  readonly dacKey?: Uint8Array;
}

/** Values the agent returned, by parameter id (PARAMETER). */
export type AgentValues = ReadonlyMap<number, number | Uint8Array>;

const P = PARAMETER;
/** Factory data field → Protocol v2 parameter, in the order the provision tool writes them. */
const FIELD_PARAMETERS: readonly (readonly [FactoryField, number])[] = [
  ['provisionVersion', P.version],
  ['serialNumber', P.serialNumber],
  ['vendorId', P.vendorId],
  ['vendorName', P.vendorName],
  ['productId', P.productId],
  ['productName', P.productName],
  ['productLabel', P.productLabel],
  ['productUrl', P.productUrl],
  ['partNumber', P.partNumber],
  ['hardwareVersion', P.hwVersion],
  ['hardwareVersionString', P.hwVersionString],
  ['manufacturingDate', P.manufacturingDate],
  ['uniqueId', P.uniqueId],
  ['discriminator', P.discriminator],
  ['passcode', P.spake2pPasscode],
  ['spake2pIterations', P.spake2pIterations],
  ['spake2pSalt', P.spake2pSalt],
  ['spake2pVerifier', P.spake2pVerifier],
  ['commissioningFlow', P.commissioningFlow],
  ['discoveryCapabilities', P.rendezvousFlags],
  ['testEventTriggerKey', P.testKey],
];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Factory data as Write arguments; fields the protocol cannot carry (offsets, key id) are the device's business. */
export function factoryDataArguments(data: FactoryData): Result<ProvisionArgument[]> {
  const args: ProvisionArgument[] = [];
  for (const [field, id] of FIELD_PARAMETERS) {
    const value: unknown = data[field];
    if (value === undefined) continue;
    const info = parameterInfo(id);
    if (info === undefined) continue;
    if (typeof value === 'number') {
      if (info.type === 'binary') return failure('AGENT_RESPONSE_INVALID', `Write: ${field} is a number, the protocol sends it as bytes`);
      args.push({ id, type: info.type, feedback: false, value });
    } else if (typeof value === 'string') args.push(textArgument(id, value));
    else if (value instanceof Uint8Array) args.push(binaryArgument(id, value));
  }
  return success(args);
}

export class AgentSession {
  private closed = false;
  /** Response bytes read past the end of the package in hand. */
  private held: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly channel: RttChannel,
    private readonly options: AgentSessionOptions = {},
  ) {}

  /** Init: tells the agent the flash, learns the page size and the credentials page address. */
  async init(request: AgentInitRequest = {}): Promise<Result<AgentInitResult>> {
    const args: ProvisionArgument[] = [];
    if (request.flashAddress !== undefined) args.push(u32Argument(P.flashAddress, request.flashAddress));
    if (request.flashSize !== undefined) args.push(u32Argument(P.flashSize, request.flashSize));
    args.push(requestArgument(P.flashPageSize, 'u32'));
    args.push(request.credentialsAddress === undefined ? requestArgument(P.credsAddress, 'u32') : u32Argument(P.credsAddress, request.credentialsAddress, true));
    const values = await this.exchange('Init', COMMAND.Init, args, [P.flashPageSize, P.credsAddress]);
    if (!values.ok) return values;
    const pageSize = values.value.get(P.flashPageSize);
    const credentialsAddress = values.value.get(P.credsAddress);
    if (typeof pageSize !== 'number' || typeof credentialsAddress !== 'number') return failure('AGENT_RESPONSE_INVALID', 'Init: page size or credentials address is not a number');
    return success({ pageSize, credentialsAddress });
  }

  /** CSR: the agent generates its P-256 key and returns a PEM request (the trailing NUL removed). */
  async csr(request: AgentCsrRequest): Promise<Result<{ readonly pem: string; readonly bytes: Uint8Array }>> {
    const args = [u16Argument(P.vendorId, request.vendorId), u16Argument(P.productId, request.productId)];
    if (request.commonName !== undefined) args.push(textArgument(P.commonName, request.commonName));
    args.push(requestArgument(P.csr, 'binary'));
    const values = await this.exchange('CSR', COMMAND.Csr, args, [P.csr]);
    if (!values.ok) return values;
    const raw = values.value.get(P.csr);
    if (!(raw instanceof Uint8Array)) return failure('AGENT_RESPONSE_INVALID', 'CSR: the request came back as a number');
    const end = raw.indexOf(0);
    const bytes = raw.slice(0, end === -1 ? raw.length : end);
    return success({ pem: new TextDecoder().decode(bytes), bytes });
  }

  /** Write: factory data, then DAC, PAI and CD; `feedback` asks for values the device fills in (e.g. unique id). */
  async write(request: AgentWriteRequest, feedback: readonly number[] = []): Promise<Result<AgentValues>> {
    const fields = factoryDataArguments(request.factoryData ?? {});
    if (!fields.ok) return fields;
    const args = [...fields.value];
    for (const id of feedback) {
      const index = args.findIndex((arg) => arg.id === id);
      const info = parameterInfo(id);
      if (index >= 0) args[index] = { ...args[index]!, feedback: true };
      else if (info !== undefined) args.push(requestArgument(id, info.type));
    }
    if (request.dac !== undefined) args.push(binaryArgument(P.dacCert, request.dac));
    if (request.pai !== undefined) args.push(binaryArgument(P.paiCert, request.pai));
    if (request.cd !== undefined) args.push(binaryArgument(P.certification, request.cd));
    if (request.dacKey !== undefined) args.push(binaryArgument(P.dacKey, request.dacKey));
    return this.exchange('Write', COMMAND.Write, args, feedback);
  }

  /** Read: the stored values of the given parameters. */
  async read(ids: readonly number[]): Promise<Result<AgentValues>> {
    const args: ProvisionArgument[] = [];
    for (const id of ids) {
      const info = parameterInfo(id);
      if (info === undefined) return failure('AGENT_RESPONSE_INVALID', `Read: parameter 0x${id.toString(16)} is not a known parameter`);
      args.push(requestArgument(id, info.type));
    }
    return this.exchange('Read', COMMAND.Read, args, ids);
  }

  /** Finish: the agent leaves provisioning mode; it sends no answer. The session is closed afterwards. */
  async finish(): Promise<Result<void>> {
    const packages = encodeRequestPackages(COMMAND.Finish, []);
    if (!packages.ok) return atStep('Finish', packages);
    const sent = await this.send('Finish', packages.value[0]!, Date.now() + this.timeoutMs);
    if (!sent.ok) return sent;
    await this.close();
    return success(undefined);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.channel.close();
  }

  private get timeoutMs(): number {
    return this.options.commandTimeoutMs ?? 2000;
  }

  private callOptions(deadline: number): CallOptions {
    const remaining = Math.max(1, deadline - Date.now());
    return { timeoutMs: Math.min(remaining, this.options.timeoutMs ?? remaining), ...(this.options.signal === undefined ? {} : { signal: this.options.signal }) };
  }

  private stopped(step: AgentCommandName, deadline: number): Result<never> | null {
    if (this.options.signal?.aborted === true) return failure('TARGET_CANCELLED', step);
    if (Date.now() > deadline) return failure('AGENT_TIMEOUT', `${step}: no answer from the agent within ${this.timeoutMs} ms`);
    return null;
  }

  private async send(step: AgentCommandName, pkg: Uint8Array, deadline: number): Promise<Result<void>> {
    if (this.closed) return failure('AGENT_SESSION_CLOSED', step);
    let offset = 0;
    while (offset < pkg.length) {
      const written = await this.channel.write(0, pkg.subarray(offset), this.callOptions(deadline));
      if (!written.ok) return atStep(step, written);
      offset += written.value;
      if (offset < pkg.length) {
        const stop = this.stopped(step, deadline);
        if (stop !== null) return stop;
        await sleep(this.options.pollIntervalMs ?? 1);
      }
    }
    return success(undefined);
  }

  /** One response package: reads until its header says it is complete. */
  private async receive(step: AgentCommandName, deadline: number): Promise<Result<Uint8Array>> {
    let buffer = this.held;
    for (;;) {
      if (buffer.length >= RESPONSE_HEADER_SIZE) {
        const size = RESPONSE_HEADER_SIZE + buffer[RESPONSE_HEADER_SIZE - 1]! + CHECKSUM_SIZE;
        if (buffer.length >= size) {
          this.held = buffer.slice(size);
          return success(buffer.slice(0, size));
        }
      }
      const stop = this.stopped(step, deadline);
      if (stop !== null) {
        this.held = buffer;
        return stop;
      }
      const got = await this.channel.read(0, 1024, this.callOptions(deadline));
      if (!got.ok) return atStep(step, got);
      if (got.value.length === 0) await sleep(this.options.pollIntervalMs ?? 1);
      else {
        const joined = new Uint8Array(buffer.length + got.value.length);
        joined.set(buffer);
        joined.set(got.value, buffer.length);
        buffer = joined;
      }
    }
  }

  private async roundTrip(step: AgentCommandName, command: CommandId, counter: number, pkg: Uint8Array, deadline: number): Promise<Result<Uint8Array>> {
    const sent = await this.send(step, pkg, deadline);
    if (!sent.ok) return sent;
    const answer = await this.receive(step, deadline);
    if (!answer.ok) return answer;
    const decoded = decodeResponsePackage(answer.value);
    if (!decoded.ok) return failure('AGENT_RESPONSE_INVALID', `${step}: ${decoded.error.code}${decoded.error.detail === undefined ? '' : ` (${decoded.error.detail})`}`);
    const { errorCode } = decoded.value;
    if (errorCode !== 0) return failure('AGENT_COMMAND_FAILED', `${step}: the agent answered error 0x${errorCode.toString(16).padStart(8, '0')}`);
    if (decoded.value.command !== command || decoded.value.counter !== counter) {
      return failure('AGENT_RESPONSE_INVALID', `${step}: answer for command ${decoded.value.command} counter ${decoded.value.counter}, expected ${command} counter ${counter}`);
    }
    return success(decoded.value.payload);
  }

  private async exchange(step: AgentCommandName, command: CommandId, args: readonly ProvisionArgument[], wanted: readonly number[]): Promise<Result<AgentValues>> {
    if (this.closed) return failure('AGENT_SESSION_CLOSED', step);
    const packages = encodeRequestPackages(command, args);
    if (!packages.ok) return atStep(step, packages);
    const deadline = Date.now() + this.timeoutMs;
    const reassembler = new ArgumentReassembler();
    const values = new Map<number, number | Uint8Array>();
    const take = (payload: Uint8Array): Result<void> => {
      const done = reassembler.push(payload);
      if (!done.ok) return failure('AGENT_RESPONSE_INVALID', `${step}: ${done.error.detail ?? done.error.code}`);
      for (const arg of done.value) if (arg.value !== null) values.set(arg.id, arg.value);
      return success(undefined);
    };
    let counter = 0;
    for (const pkg of packages.value) {
      counter = pkg[2]!;
      const payload = await this.roundTrip(step, command, counter, pkg, deadline);
      if (!payload.ok) return payload;
      const taken = take(payload.value);
      if (!taken.ok) return taken;
    }
    // Pull the rest of the feedback with empty requests of the same command.
    while (wanted.some((id) => !values.has(id))) {
      counter = nextCounter(counter);
      const pkg = encodeRequestPackage({ command, counter, payload: new Uint8Array(0) });
      if (!pkg.ok) return atStep(step, pkg);
      const payload = await this.roundTrip(step, command, counter, pkg.value, deadline);
      if (!payload.ok) return payload;
      if (payload.value.length === 0) {
        const missing = wanted.filter((id) => !values.has(id)).map((id) => parameterInfo(id)?.name ?? `0x${id.toString(16)}`);
        return failure('AGENT_RESPONSE_INVALID', `${step}: the agent returned no value for ${missing.join(', ')}`);
      }
      const taken = take(payload.value);
      if (!taken.ok) return taken;
    }
    const end = reassembler.finish();
    if (!end.ok) return failure('AGENT_RESPONSE_INVALID', `${step}: ${end.error.detail ?? end.error.code}`);
    return success(values);
  }
}

/** Opens RTT on the port and returns a session; the agent must already be running on the chip. */
export async function openAgentSession(port: DebugPort, options: AgentSessionOptions = {}): Promise<Result<AgentSession>> {
  const channel = await port.openRtt({
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.controlBlockAddress === undefined ? {} : { controlBlockAddress: options.controlBlockAddress }),
  });
  if (!channel.ok) return atStep('open agent session', channel);
  return success(new AgentSession(channel.value, options));
}
