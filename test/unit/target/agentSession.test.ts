import { describe, expect, it } from 'vitest';
import { createCertificationDeclaration, type CdContent } from '../../../main/matter/cd';
import { generateP256KeyPair, type P256KeyPair } from '../../../main/matter/certificates';
import { createCdSigningCertificate, createPai, createTestPaa, issueDac, parseDeviceCsr, testPaiIssuer } from '../../../main/matter/dac';
import { readCredentialsPage } from '../../../main/silabs/credentialsPage';
import { decodeFactoryData, encodeBase64, type FactoryData } from '../../../main/silabs/factoryData';
import { readNvm3 } from '../../../main/silabs/nvm3';
import { PARAMETER } from '../../../main/silabs/provisionProtocol';
import { AGENT_NVM3_SIZE, type SimulatedDebugPort } from '../../../main/sim';
import { openAgentSession } from '../../../main/target';
import { board, expectFailure, unwrap } from '../sim/simHelpers';

const NOW = new Date('2026-01-01T00:00:00Z');
const VID = 0xfff1;
const PID = 0x8005;

const FACTORY: FactoryData = {
  serialNumber: 'ML-000001',
  vendorId: VID,
  vendorName: 'Matterline',
  productId: PID,
  productName: 'Test Light',
  productLabel: 'Light',
  partNumber: 'ML-L1',
  hardwareVersion: 2,
  hardwareVersionString: '2.0',
  manufacturingDate: '2026-01-01',
  uniqueId: new Uint8Array(16).map((_, i) => i + 1),
  discriminator: 0xf00,
  passcode: 20202021,
  spake2pIterations: 1000,
  spake2pSalt: encodeBase64(new Uint8Array(32).fill(0x5a)),
  spake2pVerifier: encodeBase64(new Uint8Array(97).map((_, i) => i)),
  commissioningFlow: 0,
  discoveryCapabilities: 2,
};

const CD_CONTENT: CdContent = {
  formatVersion: 1,
  vendorId: VID,
  productIds: [PID],
  deviceTypeId: 0x0100,
  certificateId: 'ZIG20142ZB330003-24',
  securityLevel: 0,
  securityInformation: 0,
  versionNumber: 0x2694,
  certificationType: 0,
};

async function makeCd(): Promise<Uint8Array> {
  const signer = createCdSigningCertificate({ notBefore: NOW });
  const pkcs8 = signer.key.privateKey.export({ type: 'pkcs8', format: 'der' });
  const privateKey = await globalThis.crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  return unwrap(await createCertificationDeclaration(CD_CONTENT, { privateKey, subjectKeyId: signer.key.keyId }));
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

/** Runs a whole CSR-mode provisioning session against a fresh simulated board. */
async function provision(part: string): Promise<{ port: SimulatedDebugPort; key: P256KeyPair; dac: Uint8Array; pai: Uint8Array; cd: Uint8Array; credentialsAddress: number; pageSize: number }> {
  const port = board({ part });
  let key: P256KeyPair | null = null;
  unwrap(
    port.chip.startAgent({
      generateKeyPair: () => {
        key = generateP256KeyPair();
        return key;
      },
    }),
  );
  const memory = port.chip.part.memory;
  const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 2000 }));
  const init = unwrap(await session.init({ flashAddress: memory.flashBase, flashSize: memory.flashSize }));
  expect(init).toEqual({ pageSize: memory.pageSize, credentialsAddress: memory.flashBase + memory.flashSize - memory.pageSize });

  const csr = unwrap(await session.csr({ vendorId: VID, productId: PID, commonName: 'Matterline DAC' }));
  expect(csr.pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
  const device = unwrap(parseDeviceCsr(csr.bytes));
  expect(key).not.toBeNull();
  expect(Buffer.from(device.point).equals(Buffer.from(key!.point))).toBe(true);

  const paa = createTestPaa({ notBefore: NOW, vendorId: VID });
  const pai = createPai(paa, { notBefore: NOW, vendorId: VID });
  const dac = unwrap(issueDac(unwrap(testPaiIssuer(pai)), { vendorId: VID, productId: PID, now: NOW, csr: csr.bytes }));
  const cd = await makeCd();

  const feedback = unwrap(await session.write({ factoryData: FACTORY, dac: dac.certificate, pai: pai.certificate, cd }, [PARAMETER.discriminator, PARAMETER.uniqueId]));
  expect(feedback.get(PARAMETER.discriminator)).toBe(FACTORY.discriminator);
  expect(feedback.get(PARAMETER.uniqueId)).toEqual(FACTORY.uniqueId);

  const read = unwrap(await session.read([PARAMETER.serialNumber, PARAMETER.vendorId, PARAMETER.dacCert, PARAMETER.certification]));
  expect(new TextDecoder().decode(read.get(PARAMETER.serialNumber) as Uint8Array)).toBe(FACTORY.serialNumber);
  expect(read.get(PARAMETER.vendorId)).toBe(VID);
  expect(read.get(PARAMETER.dacCert)).toEqual(dac.certificate);
  expect(read.get(PARAMETER.certification)).toEqual(cd);

  unwrap(await session.finish());
  expect(port.chip.agent?.finished).toBe(true);
  return { port, key: key!, dac: dac.certificate, pai: pai.certificate, cd, credentialsAddress: init.credentialsAddress, pageSize: init.pageSize };
}

describe('agent session: Init → CSR → Write → Read → Finish', () => {
  it('provisions an MG24 and the NVM3 region and credentials page read back over the debug port give exactly what was written', async () => {
    const { port, dac, pai, cd, credentialsAddress, pageSize } = await provision('EFR32MG24B210F1536IM48');
    expect(credentialsAddress).toBe(0x0817e000);

    const nvmBase = credentialsAddress - AGENT_NVM3_SIZE;
    const nvm = unwrap(await port.readMemory(nvmBase, AGENT_NVM3_SIZE));
    const contents = unwrap(readNvm3(nvm, { baseAddress: nvmBase, pageSize, pageCount: AGENT_NVM3_SIZE / pageSize }));
    const decoded = unwrap(decodeFactoryData(contents.objects));
    expect(decoded.warnings).toEqual([]);
    expect(decoded.factoryData).toEqual({
      ...FACTORY,
      keyId: 2,
      credentialsBaseAddress: credentialsAddress,
      dacOffset: 0,
      dacSize: dac.length,
      paiOffset: Math.ceil(dac.length / 64) * 64,
      paiSize: pai.length,
      cdOffset: Math.ceil((Math.ceil(dac.length / 64) * 64 + pai.length) / 64) * 64,
      cdSize: cd.length,
    });

    const page = unwrap(await port.readMemory(credentialsAddress, pageSize));
    const f = decoded.factoryData;
    const creds = unwrap(
      readCredentialsPage(page, {
        locations: { dac: { offset: f.dacOffset, size: f.dacSize }, pai: { offset: f.paiOffset, size: f.paiSize }, cd: { offset: f.cdOffset, size: f.cdSize } },
      }),
    );
    expect(creds.warnings).toEqual([]);
    expect(creds.dac.bytes).toEqual(dac);
    expect(creds.pai.bytes).toEqual(pai);
    expect(creds.cd.bytes).toEqual(cd);
  });

  it('provisions a Series 1 part (2 KiB pages) the same way', async () => {
    const { port, credentialsAddress, pageSize } = await provision('EFR32MG12P332F1024GL125');
    expect({ credentialsAddress, pageSize }).toEqual({ credentialsAddress: 0x000ff800, pageSize: 0x800 });
    const nvmBase = credentialsAddress - AGENT_NVM3_SIZE;
    const nvm = unwrap(await port.readMemory(nvmBase, AGENT_NVM3_SIZE));
    const decoded = unwrap(decodeFactoryData(unwrap(readNvm3(nvm, { baseAddress: nvmBase, pageSize, pageCount: AGENT_NVM3_SIZE / pageSize })).objects));
    expect(decoded.factoryData).toMatchObject(FACTORY);
  });

  it('never lets the key generated in the chip appear in any memory read, nor in the saved state', async () => {
    const { port, key } = await provision('EFR32MG24B210F1536IM48');
    const scalar = new Uint8Array(Buffer.from(key.privateKey.export({ format: 'jwk' }).d!, 'base64url'));
    expect(scalar.length).toBe(32);
    const reversed = scalar.slice().reverse(); // a little-endian copy would be just as much a leak
    const memory = port.chip.part.memory;
    const flash = unwrap(await port.readMemory(memory.flashBase, memory.flashSize));
    const sram = unwrap(await port.readMemory(port.chip.sramBase, port.chip.sram.length));
    for (const bytes of [flash, sram, port.saveState()]) {
      expect(contains(bytes, scalar)).toBe(false);
      expect(contains(bytes, reversed)).toBe(false);
    }
    // The public key is there (in the DAC), so the scan would see key material if it were stored.
    expect(contains(flash, key.point)).toBe(true);
    expect(port.chip.agent?.hasKey).toBe(true);
  });
});

describe('agent session failures', () => {
  it('an agent that stops answering (rtt-timeout) fails with AGENT_TIMEOUT naming the command, within its timeout', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48', agent: true, faults: [{ kind: 'rtt-timeout', afterPackages: 1 }] });
    const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 100 }));
    unwrap(await session.init());
    const started = Date.now();
    expectFailure(await session.csr({ vendorId: VID, productId: PID }), 'AGENT_TIMEOUT', 'CSR');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops when the signal fires', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48', agent: true, faults: [{ kind: 'rtt-timeout' }] });
    const controller = new AbortController();
    const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 5000, signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    const result = await session.init();
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error.detail).toContain('Init');
  });

  it('no running agent → SIM_RTT_UNAVAILABLE naming the step', async () => {
    expectFailure(await openAgentSession(board({ part: 'EFR32MG24B210F1536IM48' })), 'SIM_RTT_UNAVAILABLE', 'open agent session');
  });

  it('a refused command names it and carries the agent error code', async () => {
    const port = board({ part: 'EFR32MG24B210F1536IM48', agent: true });
    const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 1000 }));
    expectFailure(await session.init({ credentialsAddress: 0x0817e100 }), 'AGENT_COMMAND_FAILED', 'Init: the agent answered error');
    expectFailure(await session.read([PARAMETER.serialNumber]), 'AGENT_COMMAND_FAILED', 'Read');
    // A fresh Init starts over from the part's own layout.
    expect(unwrap(await session.init())).toEqual({ pageSize: 0x2000, credentialsAddress: 0x0817e000 });
  });

  it('a finished session refuses further commands', async () => {
    const session = unwrap(await openAgentSession(board({ part: 'EFR32MG24B210F1536IM48', agent: true })));
    unwrap(await session.finish());
    expectFailure(await session.init(), 'AGENT_SESSION_CLOSED', 'Init');
  });
});
