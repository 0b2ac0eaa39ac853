import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateP256KeyPair, type P256KeyPair } from '../../../main/matter/certificates';
import { decodeFactoryData } from '../../../main/silabs/factoryData';
import { readNvm3 } from '../../../main/silabs/nvm3';
import { PARAMETER } from '../../../main/silabs/provisionProtocol';
import { AGENT_DAC_KEY_ID, AGENT_NVM3_SIZE, type SimulatedDebugPort } from '../../../main/sim';
import { openAgentSession, type AgentSession } from '../../../main/target';
import { board, expectFailure, unwrap } from './simHelpers';

const MG24 = 'EFR32MG24B210F1536IM48';
const MG12 = 'EFR32MG12P332F1024GL125';

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

function scalarOf(key: KeyObject): Uint8Array {
  return new Uint8Array(Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url'));
}

const FORMS: readonly (readonly [string, (key: KeyObject) => Uint8Array])[] = [
  ['SEC1 DER', (key) => new Uint8Array(key.export({ type: 'sec1', format: 'der' }))],
  ['SEC1 PEM', (key) => new TextEncoder().encode(key.export({ type: 'sec1', format: 'pem' }).toString())],
  ['PKCS#8 DER', (key) => new Uint8Array(key.export({ type: 'pkcs8', format: 'der' }))],
  ['PKCS#8 PEM', (key) => new TextEncoder().encode(key.export({ type: 'pkcs8', format: 'pem' }).toString())],
];

async function session(port: SimulatedDebugPort): Promise<AgentSession> {
  const opened = unwrap(await openAgentSession(port, { commandTimeoutMs: 1000 }));
  unwrap(await opened.init());
  return opened;
}

async function expectNowhereInMemory(port: SimulatedDebugPort, key: P256KeyPair): Promise<void> {
  const scalar = scalarOf(key.privateKey);
  expect(scalar.length).toBe(32);
  const reversed = scalar.slice().reverse();
  const memory = port.chip.part.memory;
  const flash = unwrap(await port.readMemory(memory.flashBase, memory.flashSize));
  const sram = unwrap(await port.readMemory(port.chip.sramBase, port.chip.sram.length));
  for (const bytes of [flash, sram, port.saveState()]) {
    expect(contains(bytes, scalar)).toBe(false);
    expect(contains(bytes, reversed)).toBe(false);
  }
}

describe('key import (host key mode, dac_key in Write)', () => {
  for (const [form, encode] of FORMS) {
    it(`takes a ${form} P-256 key as the DAC key, records key id 2 in NVM3, and never puts the scalar in flash or SRAM`, async () => {
      const port = board({ part: MG24, agent: true });
      const agent = await session(port);
      const key = generateP256KeyPair();
      unwrap(await agent.write({ factoryData: { vendorId: 0xfff1, productId: 0x8005 }, dacKey: encode(key.privateKey) }));
      expect(port.chip.agent?.publicKey).toEqual(key.spki);
      expect(unwrap(await agent.read([PARAMETER.keyId])).get(PARAMETER.keyId)).toBe(AGENT_DAC_KEY_ID);

      const geometry = port.chip.agent!.nvm3Geometry();
      const nvm = unwrap(await port.readMemory(geometry.baseAddress!, AGENT_NVM3_SIZE));
      const stored = unwrap(decodeFactoryData(unwrap(readNvm3(nvm, geometry)).objects));
      expect(stored.factoryData.keyId).toBe(AGENT_DAC_KEY_ID);
      await expectNowhereInMemory(port, key);
    });
  }

  it('does so on Series 1 too, and the key survives a reset', async () => {
    const port = board({ part: MG12, agent: true });
    const agent = await session(port);
    const key = generateP256KeyPair();
    unwrap(await agent.write({ dacKey: FORMS[0]![1](key.privateKey) }));
    await expectNowhereInMemory(port, key);
    unwrap(await port.reset('hardware'));
    expect(port.chip.agent?.publicKey).toEqual(key.spki);
  });

  it('never gives the key back: Read of dac_key is "not found"', async () => {
    const port = board({ part: MG24, agent: true });
    const agent = await session(port);
    unwrap(await agent.write({ dacKey: FORMS[0]![1](generateP256KeyPair().privateKey) }));
    expectFailure(await agent.read([PARAMETER.dacKey]), 'AGENT_COMMAND_FAILED', 'error 0x00000092');
  });

  it('refuses what is not a P-256 private key with invalid argument, and keeps no key', async () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
    for (const bad of [new Uint8Array(p384.export({ type: 'sec1', format: 'der' })), new TextEncoder().encode('not a key')]) {
      const port = board({ part: MG24, agent: true });
      const agent = await session(port);
      expectFailure(await agent.write({ dacKey: bad }), 'AGENT_COMMAND_FAILED', 'Write: the agent answered error 0x0000002f');
      expect(port.chip.agent?.hasKey).toBe(false);
    }
  });

  it('an imported key replaces one made by CSR (the last key under id 2 wins)', async () => {
    const port = board({ part: MG24, agent: true });
    const agent = await session(port);
    unwrap(await agent.csr({ vendorId: 0xfff1, productId: 0x8005 }));
    const key = generateP256KeyPair();
    unwrap(await agent.write({ dacKey: FORMS[2]![1](key.privateKey) }));
    expect(port.chip.keyStore.publicKey(AGENT_DAC_KEY_ID)).toEqual(key.spki);
  });
});
