// `matterline sim firmware` in process through runMatterline: each file format parses back to an image
// the simulated chip runs, an existing --out is never overwritten (exit 2), and bad input is exit 2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFirmware } from '../../../main/firmware';
import { recogniseSimulatedFirmware } from '../../../main/sim';
import { openAgentSession } from '../../../main/target';
import { runMatterline } from '../../support/cliHarness';
import { board, unwrap } from './simHelpers';

const MG24 = 'EFR32MG24B210F1536IM48';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-simfw-'));
const file = (name: string) => path.join(work, name);

describe('matterline sim firmware', () => {
  for (const name of ['agent.hex', 'agent.s37', 'agent.bin']) {
    it(`writes ${name}, which a simulated board runs once flashed and reset`, async () => {
      const run = await runMatterline('sim', 'firmware', '--kind', 'agent', '--part', MG24, '--out', file(name), '--image-version', '5', '--json');
      expect(run.code).toBe(0);
      expect(run.json()).toMatchObject({ ok: true, kind: 'agent', version: 5, address: 0x08000000, size: 0x2000 });
      const image = unwrap(parseFirmware(new Uint8Array(fs.readFileSync(file(name))), { fileName: name, baseAddress: 0x08000000 }));
      const segment = image.segments[0]!;
      expect(segment.address).toBe(0x08000000);
      expect(recogniseSimulatedFirmware(segment.bytes)).toEqual({ kind: 'agent', version: 5 });

      const port = board({ part: MG24 });
      unwrap(await port.programFlash(segment.address, segment.bytes));
      unwrap(await port.reset('hardware'));
      const session = unwrap(await openAgentSession(port, { commandTimeoutMs: 500 }));
      expect(unwrap(await session.init()).pageSize).toBe(0x2000);
    });
  }

  it('writes an application image in text form', async () => {
    const run = await runMatterline('sim', 'firmware', '--kind', 'app', '--part', 'EFR32MG12P332F1024GL125', '--out', file('app.hex'), '--size', '64');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('simulated app firmware v1, 64 bytes at 0x00000000');
    const image = unwrap(parseFirmware(new Uint8Array(fs.readFileSync(file('app.hex')))));
    expect(recogniseSimulatedFirmware(image.segments[0]!.bytes)).toEqual({ kind: 'app', version: 1 });
  });

  it('refuses to overwrite an existing file (exit 2) and leaves it as it was', async () => {
    fs.writeFileSync(file('taken.hex'), 'keep me');
    const run = await runMatterline('sim', 'firmware', '--kind', 'agent', '--part', MG24, '--out', file('taken.hex'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already exists');
    expect(fs.readFileSync(file('taken.hex'), 'utf8')).toBe('keep me');
  });

  it('refuses bad input with exit 2 and writes nothing', async () => {
    const cases: string[][] = [
      ['--kind', 'agent', '--part', MG24, '--out', file('x.txt')],
      ['--kind', 'boot', '--part', MG24, '--out', file('y.hex')],
      ['--kind', 'agent', '--part', 'EFR32NOPE', '--out', file('z.hex')],
      ['--kind', 'agent', '--part', MG24, '--out', file('w.hex'), '--size', '18'],
    ];
    for (const args of cases) {
      const run = await runMatterline('sim', 'firmware', ...args);
      expect(run.code, args.join(' ')).toBe(2);
    }
    for (const name of ['x.txt', 'y.hex', 'z.hex', 'w.hex']) expect(fs.existsSync(file(name))).toBe(false);
  });
});
