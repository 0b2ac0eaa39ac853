// The lot commands through the real CLI code: configuration rules refuse a lot, QA approval freezes
// the configuration, and only then can a production lot use it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoConfiguration } from '../../../main/services/demoConfiguration';
import type { ProductConfigInput } from '../../../main/station/config';
import { runMatterline } from '../../support/cliHarness';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ml-lot-cli-'));
const db = path.join(work, 'station.db');
const MG24 = 'EFR32MG24B210F1536IM48';
const cli = (...args: string[]) => runMatterline(...args, '--db', db, '--user-data-dir', work);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function demoConfigFile(): Promise<string> {
  const demo = await ensureDemoConfiguration(work);
  if (!demo.ok) throw new Error(demo.error.message);
  return demo.value.configFile;
}

/** A copy of the demo configuration (same folder, so its relative paths hold) with one change. */
function variant(file: string, name: string, change: (config: ProductConfigInput) => void): string {
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as ProductConfigInput;
  change(config);
  const out = path.join(path.dirname(file), name);
  fs.writeFileSync(out, JSON.stringify(config));
  return out;
}

describe('matterline lot', () => {
  it('refuses a lot on a configuration whose VID disagrees with the PAI and CD, naming the field', async () => {
    const file = variant(await demoConfigFile(), 'wrong-vid.json', (config) => {
      config.matter = { ...config.matter, vendorId: 0xfff2 };
    });
    const run = await cli('lot', 'create', '--config', file, '--name', 'wrong-vid', '--quantity', '1', '--json');
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
    expect(String((run.json().error as { detail: string }).detail)).toMatch(/matter\.vendorId/);
    expect((await cli('lot', 'list', '--json')).json()).toEqual({ lots: [] });
  });

  it('refuses a production lot until QA approves a sample lot of the configuration', async () => {
    const file = await demoConfigFile();
    const early = await cli('lot', 'create', '--config', file, '--name', 'prod-too-early', '--kind', 'production', '--quantity', '5', '--json');
    expect(early.code).toBe(1);
    expect(JSON.stringify(early.json())).toMatch(/not approved|is draft/);

    expect((await cli('lot', 'create', '--config', file, '--name', 'sample-a', '--quantity', '2', '--json')).code).toBe(0);
    const ran = await cli('lot', 'run', 'sample-a', '--probe', `sim:${MG24}`, '--json');
    expect(ran.code).toBe(0);
    expect(ran.json()).toMatchObject({ lot: { status: 'awaiting_qa' }, summary: { passed: 2, failed: 0 } });

    expect((await cli('operator', 'add', 'Quinn', '--role', 'qa', '--pin', '482916')).code).toBe(0);
    const wrongPin = await cli('lot', 'approve', 'sample-a', '--operator', 'Quinn', '--pin', '000000', '--json');
    expect(wrongPin.code).not.toBe(0);
    const approved = await cli('lot', 'approve', 'sample-a', '--operator', 'Quinn', '--pin', '482916', '--json');
    expect(approved.code).toBe(0);
    expect(approved.json()).toMatchObject({ lot: { status: 'approved' }, config: { status: 'approved' } });
    const frozen = (approved.json().config as { contentHash: string }).contentHash;

    const production = await cli('lot', 'create', '--config', file, '--name', 'prod-1', '--kind', 'production', '--quantity', '5', '--json');
    expect(production.code).toBe(0);
    expect(production.json()).toMatchObject({ lot: { kind: 'production', configHash: frozen }, config: { status: 'approved' } });

    // A changed file is a new configuration version: a draft, so production refuses it again.
    const changed = variant(file, 'demo-changed.json', (config) => {
      config.matter = { ...config.matter, productName: 'Demo Light 2' };
    });
    const refused = await cli('lot', 'create', '--config', changed, '--name', 'prod-2', '--kind', 'production', '--quantity', '5', '--json');
    expect(refused.code).toBe(1);
  }, 120_000);

  it('writes the lot report and the DAC bundle', async () => {
    const out = path.join(work, 'sample-a.csv');
    const bundle = path.join(work, 'dacs');
    const run = await cli('lot', 'report', 'sample-a', '--out', out, '--dac-bundle', bundle, '--json');
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(fs.readdirSync(bundle).filter((name) => name.endsWith('.der'))).toHaveLength(2);
  });
});
