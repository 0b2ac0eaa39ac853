/**
 * The steps that put credentials on the chip: start the agent (flash its image, or use the one in
 * the board's firmware), make the key (CSR from the chip, or a host key), issue the DAC with the
 * allocated serial, and write (agent Write for NVM3 storage, the single page through flash).
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { generateP256KeyPair, type P256KeyPair } from '../../matter/certificates/keys';
import { issueDac, NO_EXPIRY, type IssuedDac } from '../../matter/dac';
import type { DebugPort } from '../../probes/debugPort';
import { DEFAULT_CREDENTIAL_LIMITS } from '../../silabs/credentialsPage';
import { buildProvisioningImage } from '../../silabs/image';
import { openAgentSession, programImage, resetTarget, type AgentSession, type TargetIdentity } from '../../target';
import { factoryDataFor } from './factoryValues';
import type { DeviceJobContext } from './provisionDevice';
import type { StepContext } from './stepRunner';
import type { Allocation, DeviceJobSpec } from './types';

export interface AgentHandle {
  readonly session: AgentSession;
  readonly describe: string;
}

export interface DeviceKey {
  /** On-chip mode: the chip's PKCS#10 request. */
  readonly csr: Uint8Array | null;
  /** Host mode: the key made here, written to the chip and then dropped. */
  readonly hostKey: P256KeyPair | null;
  readonly describe: string;
}

const callOptions = (ctx: StepContext) => ({ signal: ctx.signal, timeoutMs: ctx.remainingMs() });

export async function startAgentStep(port: DebugPort, identity: TargetIdentity, spec: DeviceJobSpec, ctx: StepContext): Promise<Result<AgentHandle | null>> {
  const { config } = spec;
  if (config.storage === 'single-page') return success(null);
  let how = 'the agent in the board\'s firmware';
  if (config.agent.source === 'image') {
    if (spec.agentImage === null) return failure('STATION_AGENT_UNAVAILABLE', 'the configuration names an agent image but none was loaded');
    const flashed = await programImage(port, spec.agentImage, identity.pageSize, (p) => ctx.progress(p.doneBytes, p.totalBytes), callOptions(ctx));
    if (!flashed.ok) return flashed;
    const reset = await resetTarget(port, 'hardware', callOptions(ctx));
    if (!reset.ok) return reset;
    how = `agent image flashed (${flashed.value.bytes} bytes)`;
  } else if (config.agent.source === 'none') {
    return failure('STATION_AGENT_UNAVAILABLE', 'NVM3 storage needs the provisioning agent, and the configuration names none');
  }
  const session = await openAgentSession(port, { ...callOptions(ctx), commandTimeoutMs: Math.min(5000, ctx.remainingMs()) });
  if (!session.ok) {
    if (String(session.error.code).includes('RTT')) return failure('STATION_AGENT_UNAVAILABLE', `${how}, but no agent answers on RTT (${session.error.detail ?? session.error.code})`);
    return session;
  }
  const init = await session.value.init({ flashAddress: identity.part.memory.flashBase, flashSize: identity.flashSize });
  if (!init.ok) {
    await session.value.close();
    return init;
  }
  if (init.value.credentialsAddress !== identity.part.memory.credentialsPage) {
    await session.value.close();
    return failure('STATION_AGENT_UNAVAILABLE', `the agent puts the credentials page at 0x${init.value.credentialsAddress.toString(16)}, the part's is 0x${identity.part.memory.credentialsPage.toString(16)}`);
  }
  return success({ session: session.value, describe: `${how}; Init: page ${init.value.pageSize} bytes, credentials at 0x${init.value.credentialsAddress.toString(16).toUpperCase()}` });
}

export async function keyStep(agent: AgentHandle | null, spec: DeviceJobSpec, allocation: Allocation, ctx: StepContext): Promise<Result<DeviceKey>> {
  const { config } = spec;
  if (config.keyMode === 'host') return success({ csr: null, hostKey: generateP256KeyPair(), describe: 'P-256 key generated on the station' });
  if (agent === null) return failure('STATION_AGENT_UNAVAILABLE', 'on-chip keys need the provisioning agent');
  if (ctx.signal.aborted) return failure('STATION_CANCELLED', 'key');
  const csr = await agent.session.csr({ vendorId: config.matter.vendorId, productId: config.matter.productId, commonName: dacCommonName(allocation.serialNumber) });
  if (!csr.ok) return csr;
  return success({ csr: csr.value.bytes, hostKey: null, describe: `CSR from the chip (${csr.value.bytes.length} bytes)` });
}

/**
 * The DAC's common name. Kept short on purpose: the firmware's credentials page takes a DAC of at
 * most 500 bytes (DEFAULT_CREDENTIAL_LIMITS), and the serial number is in the factory data anyway.
 */
export function dacCommonName(_serialNumber: string): string {
  return 'Matter DAC';
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export async function issueStep(context: DeviceJobContext, allocation: Allocation, key: DeviceKey, _ctx: StepContext): Promise<Result<IssuedDac>> {
  const { config } = context.spec;
  const now = context.clock();
  const validity = config.attestation.dacValidity;
  const notAfter = validity.kind === 'no-expiry' ? NO_EXPIRY : new Date(now.getTime() + validity.days * 86_400_000);
  const issued = issueDac(context.issuer, {
    vendorId: config.matter.vendorId,
    productId: config.matter.productId,
    now,
    notAfter,
    serialNumber: hexBytes(allocation.dacSerial),
    commonName: dacCommonName(allocation.serialNumber),
    ...(key.csr !== null ? { csr: key.csr } : {}),
    ...(key.hostKey !== null ? { generateKeyPair: () => key.hostKey! } : {}),
  });
  if (!issued.ok) return issued;
  if (issued.value.certificate.length > DEFAULT_CREDENTIAL_LIMITS.dac) {
    return failure('STATION_STEP_CRASHED', `issue: the DAC is ${issued.value.certificate.length} bytes; the firmware's credentials page takes at most ${DEFAULT_CREDENTIAL_LIMITS.dac}`);
  }
  if (issued.value.serialNumber !== allocation.dacSerial) return failure('STATION_STEP_CRASHED', `issue: the DAC carries serial ${issued.value.serialNumber}, not the allocated ${allocation.dacSerial}`);
  const recorded = await context.ledger.dacIssued(allocation.deviceId, { der: issued.value.certificate, serial: issued.value.serialNumber, skid: issued.value.subjectKeyId });
  return recorded.ok ? issued : recorded;
}

export async function writeStep(
  port: DebugPort,
  identity: TargetIdentity,
  agent: AgentHandle | null,
  spec: DeviceJobSpec,
  allocation: Allocation,
  issued: IssuedDac,
  now: Date,
  ctx: StepContext,
): Promise<Result<string>> {
  const factoryData = await factoryDataFor(spec.config, allocation, now);
  if (!factoryData.ok) return factoryData;
  const hostKeyDer = issued.keyPair === null ? undefined : new Uint8Array(issued.keyPair.privateKey.export({ format: 'der', type: 'sec1' }));
  if (spec.config.storage === 'single-page') {
    if (hostKeyDer === undefined) return failure('STATION_STEP_CRASHED', 'write: the single page needs the host key');
    const image = buildProvisioningImage({
      part: identity.part,
      layout: 'single-page',
      factoryData: factoryData.value,
      certificates: { dac: issued.certificate, pai: spec.paiCertificate, cd: spec.certificationDeclaration },
      dacKey: hostKeyDer,
    });
    if (!image.ok) return image;
    const programmed = await programImage(port, image.value, identity.pageSize, (p) => ctx.progress(p.doneBytes, p.totalBytes), callOptions(ctx));
    if (!programmed.ok) return programmed;
    return success(`single page written through flash (${programmed.value.bytes} bytes)`);
  }
  if (agent === null) return failure('STATION_AGENT_UNAVAILABLE', 'NVM3 storage is written by the provisioning agent');
  const written = await agent.session.write({
    factoryData: factoryData.value,
    dac: issued.certificate,
    pai: spec.paiCertificate,
    cd: spec.certificationDeclaration,
    ...(hostKeyDer === undefined ? {} : { dacKey: hostKeyDer }),
  });
  if (!written.ok) return written;
  return success('factory data to NVM3 and DAC, PAI, CD to the credentials page through the agent');
}
