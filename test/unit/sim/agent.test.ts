import { describe, expect, it } from 'vitest';
import {
  COMMAND,
  decodeResponsePackages,
  encodeRequestPackage,
  encodeRequestPackages,
  PARAMETER,
  requestArgument,
  u16Argument,
} from '../../../main/silabs/provisionProtocol';
import { AGENT_STATUS, RTT_CONTROL_BLOCK_OFFSET, RTT_ID, resolveSimConfig, rttControlBlockImage, rttRingRead, rttRingWrite, type RttMemory } from '../../../main/sim';
import { openAgentSession } from '../../../main/target';
import { board, expectFailure, unwrap } from './simHelpers';

const MG24 = 'EFR32MG24B210F1536IM48';

function initRequest(): Uint8Array {
  return unwrap(encodeRequestPackages(COMMAND.Init, [requestArgument(PARAMETER.flashPageSize, 'u32'), requestArgument(PARAMETER.credsAddress, 'u32')]))[0]!;
}

describe('RTT control block in simulated SRAM', () => {
  it('is laid out by the agent with the "SEGGER RTT" ID and found by scanning or at its address', async () => {
    const port = board({ part: MG24, agent: true });
    const address = port.chip.sramBase + RTT_CONTROL_BLOCK_OFFSET;
    const head = unwrap(await port.readMemory(address, 16));
    expect(new TextDecoder().decode(head.subarray(0, RTT_ID.length))).toBe(RTT_ID);
    expect(head[RTT_ID.length]).toBe(0);
    unwrap(await port.openRtt());
    unwrap(await port.openRtt({ controlBlockAddress: address }));
    expectFailure(await port.openRtt({ controlBlockAddress: address + 0x100 }), 'SIM_RTT_UNAVAILABLE', 'openRtt');
  });

  it('is absent without an agent', async () => {
    expectFailure(await board({ part: MG24 }).openRtt(), 'SIM_RTT_UNAVAILABLE', 'openRtt: no "SEGGER RTT" control block');
  });

  it('answers one Protocol v2 package per RTT write on buffer 0', async () => {
    const port = board({ part: MG24, agent: true });
    const rtt = unwrap(await port.openRtt());
    const request = initRequest();
    expect(unwrap(await rtt.write(0, request))).toBe(request.length);
    const answer = unwrap(await rtt.read(0, 1024));
    const response = unwrap(decodeResponsePackages([answer]));
    expect(response.errorCode).toBe(0);
    expect(response.arguments.map((a) => [a.id, a.value])).toEqual([
      [PARAMETER.flashPageSize, 0x2000],
      [PARAMETER.credsAddress, 0x0817e000],
    ]);
    expect(unwrap(await rtt.read(0, 1024))).toEqual(new Uint8Array(0));
    expectFailure(await rtt.read(1, 16), 'SIM_RTT_BUFFER_INVALID', 'rttRead: buffer 1');
    await rtt.close();
    expectFailure(await rtt.write(0, request), 'PROBE_DISCONNECTED', 'rttWrite');
  });

  it('answers a damaged package with an error code', async () => {
    const rtt = unwrap(await board({ part: MG24, agent: true }).openRtt());
    const request = initRequest();
    request[request.length - 1]! ^= 0xff;
    unwrap(await rtt.write(0, request));
    const pkg = unwrap(await rtt.read(0, 1024));
    expect(unwrap(decodeResponsePackages([pkg])).errorCode).toBe(AGENT_STATUS.invalidMessage);
  });

  it('carries feedback over several responses when the host pulls with empty requests', async () => {
    const rtt = unwrap(await board({ part: MG24, agent: true }).openRtt());
    unwrap(await rtt.write(0, initRequest()));
    unwrap(await rtt.read(0, 1024));
    const csr = unwrap(encodeRequestPackages(COMMAND.Csr, [u16Argument(PARAMETER.vendorId, 0xfff1), u16Argument(PARAMETER.productId, 0x8000), requestArgument(PARAMETER.csr, 'binary')]));
    const packages: Uint8Array[] = [];
    for (const pkg of csr) {
      unwrap(await rtt.write(0, pkg));
      packages.push(unwrap(await rtt.read(0, 1024)));
    }
    for (let counter = csr.length + 1; packages.length < 10; counter++) {
      unwrap(await rtt.write(0, unwrap(encodeRequestPackage({ command: COMMAND.Csr, counter, payload: new Uint8Array(0) }))));
      const pkg = unwrap(await rtt.read(0, 1024));
      if (pkg[7] === 0) break;
      packages.push(pkg);
    }
    const response = unwrap(decodeResponsePackages(packages));
    const pem = new TextDecoder().decode(response.arguments.find((a) => a.id === PARAMETER.csr)!.value as Uint8Array);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n\0$/);
    expect(packages.length).toBeGreaterThan(2);
  });

  it('does not answer while the core is halted, and does once it runs', async () => {
    const port = board({ part: MG24, agent: true });
    const rtt = unwrap(await port.openRtt());
    unwrap(await port.halt());
    unwrap(await rtt.write(0, initRequest()));
    expect(unwrap(await rtt.read(0, 1024)).length).toBe(0);
    unwrap(await port.go());
    expect(unwrap(await rtt.read(0, 1024)).length).toBeGreaterThan(0);
  });

  it('is out of reach on a locked part', async () => {
    expectFailure(await board({ part: MG24, agent: true, locked: 'standard' }).openRtt(), 'PROBE_ACCESS_DENIED', 'openRtt');
  });

  it('rings wrap around their end', () => {
    const sram = new Uint8Array(0x1000);
    const memory: RttMemory = {
      read: (address, length) => ({ ok: true, value: sram.slice(address, address + length) }),
      write: (address, bytes) => {
        sram.set(bytes, address);
        return { ok: true, value: undefined };
      },
    };
    const { bytes, block } = rttControlBlockImage(0);
    sram.set(bytes);
    const down = block.down[0]!;
    const chunk = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 7 + seed) & 0xff);
    expect(unwrap(rttRingWrite(memory, down, chunk(400, 1)))).toBe(400);
    expect(unwrap(rttRingRead(memory, down, 300))).toEqual(chunk(400, 1).subarray(0, 300));
    expect(unwrap(rttRingWrite(memory, down, chunk(500, 2)))).toBe(down.size - 1 - 100); // full ring keeps one slot free
    const rest = unwrap(rttRingRead(memory, down, 2000));
    expect(rest.length).toBe(down.size - 1);
    expect(rest.subarray(100)).toEqual(chunk(500, 2).subarray(0, down.size - 1 - 100));
  });
});

describe('agent faults and key store', () => {
  it('validates the rtt-timeout fault', () => {
    expectFailure(resolveSimConfig({ part: MG24, faults: [{ kind: 'rtt-timeout', afterPackages: -1 }] }), 'SIM_CONFIG_INVALID', 'afterPackages');
  });

  it('a probe disconnect during an RTT write fails the session step that was running', async () => {
    const port = board({ part: MG24, agent: true, faults: [{ kind: 'disconnect', at: 'rttWrite' }] });
    const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 500 }));
    expectFailure(await session.init(), 'PROBE_DISCONNECTED', 'Init: rttWrite');
  });

  it('a device erase wipes the key with the rest of the chip', async () => {
    const port = board({ part: 'EFR32MG12P332F1024GL125', agent: true });
    const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 1000 }));
    unwrap(await session.init());
    unwrap(await session.csr({ vendorId: 0xfff1, productId: 0x8000 }));
    expect(port.chip.agent?.hasKey).toBe(true);
    expect(port.chip.series1DeviceErase()).toBe(true);
    expect(port.chip.agent?.hasKey).toBe(false);
  });
});
