// The configs service through createHandlers, as the window calls it: files uploaded as bytes, drafts
// naming them by id, checked (every problem on its field) and saved the way the command line saves.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configDetailSchema, draftCheckSchema, type ConfigDraft } from '../../../preload/contract/configs';
import { demoConfiguration, DEMO_AGENT_FILE, DEMO_FIRMWARE_FILE, DEMO_PRODUCT_FOLDER, ensureDemoConfiguration } from '../../../main/services/demoConfiguration';
import { DEMO_FILES, DEMO_FOLDER } from '../../../main/services/demoCredentials';
import type { StationHandlers } from '../../../main/services/handlers';
import { trustStoreFolder } from '../../../main/services/stationFolders';
import { baseConfig, CD_CONTENT, makeWorkspace } from '../../fixtures/config/workspace';
import { unwrap } from '../store/helpers';
import { engineer, qa, technician, useStationWithRoles, type RoleStation } from './stationWithRoles';

const stationWithRoles = useStationWithRoles();
const workspaces: string[] = [];
afterEach(() => {
  for (const dir of workspaces.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

interface Station extends RoleStation {
  readonly userDataDir: string;
}

/** A station with the demo configuration saved and an engineer, a QA operator and a technician signed in. */
async function station(): Promise<Station> {
  const s = await stationWithRoles();
  return { ...s, userDataDir: s.dir };
}

/** Uploads a file through the handler, as the window's file picker does; returns its id. */
async function upload(handlers: StationHandlers, file: string, name = path.basename(file)): Promise<string> {
  return unwrap(await handlers.configs.upload({ name, contentBase64: fs.readFileSync(file).toString('base64') }, engineer)).id;
}

/** The demo configuration as a draft: every demo file uploaded and named by id. */
async function demoDraft(handlers: StationHandlers, userDataDir: string): Promise<ConfigDraft> {
  unwrap(await ensureDemoConfiguration(userDataDir));
  const product = (name: string) => path.join(userDataDir, DEMO_PRODUCT_FOLDER, name);
  const credential = (name: string) => path.join(userDataDir, DEMO_FOLDER, name);
  const config = demoConfiguration();
  return {
    ...config,
    name: 'Window light',
    agent: { source: 'image', file: await upload(handlers, product(DEMO_AGENT_FILE)) },
    productionFirmware: { file: await upload(handlers, product(DEMO_FIRMWARE_FILE)) },
    attestation: {
      ...config.attestation,
      paiCertificate: await upload(handlers, credential(DEMO_FILES.paiCertificate)),
      paiKey: { source: 'file', file: await upload(handlers, credential(DEMO_FILES.paiKey)) },
      trustStore: [await upload(handlers, credential(DEMO_FILES.paaCertificate))],
      certificationDeclaration: await upload(handlers, credential(DEMO_FILES.certificationDeclaration)),
      cdSigningCertificates: [await upload(handlers, credential(DEMO_FILES.cdSigningCertificate))],
    },
  };
}

async function errorOf(result: Promise<{ ok: boolean; error?: { code: string; detail?: string } }> | { ok: boolean; error?: { code: string; detail?: string } }) {
  const settled = await result;
  return settled.ok ? { code: 'ok', detail: '' } : { code: settled.error?.code ?? '', detail: settled.error?.detail ?? '' };
}

describe('configs: the demo files through the window', () => {
  it('checks and saves a draft made of uploaded files; the same draft saved again is reused', async () => {
    const { handlers, db, userDataDir } = await station();
    const draft = await demoDraft(handlers, userDataDir);
    const check = unwrap(await handlers.configs.check({ draft }, engineer));
    draftCheckSchema.parse(check);
    expect(check.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(check.valid).toBe(true);
    expect(check.paiScope).toEqual({ vendorId: 0xfff1, productId: 0x8000 });
    expect(Object.keys(check.files).sort()).toEqual([
      'agent.file',
      'attestation.cdSigningCertificates.0',
      'attestation.certificationDeclaration',
      'attestation.paiCertificate',
      'attestation.paiKey.file',
      'attestation.trustStore.0',
      'productionFirmware.file',
    ]);
    expect(check.files['attestation.paiCertificate']).toMatchObject({ name: DEMO_FILES.paiCertificate });

    const saved = unwrap(await handlers.configs.save({ draft }, engineer));
    expect(saved).toMatchObject({ created: true, summary: { name: 'Window light', version: 1, status: 'draft', vendorId: 0xfff1, productId: 0x8000 } });
    const again = unwrap(await handlers.configs.save({ draft }, engineer));
    expect(again).toEqual({ ...saved, created: false });
    expect(db.events.list().filter((event) => event.kind === 'config.saved')).toHaveLength(1);
    expect(unwrap(await handlers.configs.list(undefined, qa)).map((summary) => summary.id)).toContain(saved.summary.id);

    // Saved with the library's absolute paths, as `matterline` saves a file's configuration.
    const record = unwrap(db.configs.get(saved.summary.id));
    const content = record.content as { config: { attestation: { paiCertificate: string } }; files: Record<string, string> };
    const paiId = (draft.attestation as { paiCertificate: string }).paiCertificate;
    expect(content.config.attestation.paiCertificate).toBe(path.join(userDataDir, 'files', paiId, DEMO_FILES.paiCertificate));
    expect(Object.keys(content.files)).toContain('attestation.certificationDeclaration');
  });

  it('opens a saved configuration as a draft of ids; an approved one is frozen', async () => {
    const { handlers, db } = await station();
    const [demo] = db.configs.list();
    if (demo === undefined) expect.fail('the demo configuration was not saved');
    const draftDetail = configDetailSchema.parse(unwrap(await handlers.configs.get({ id: demo.id }, engineer)));
    expect(draftDetail).toMatchObject({ frozen: false, approvedAt: null, check: { valid: true } });
    expect((draftDetail.draft.attestation as { paiCertificate: string }).paiCertificate).toMatch(/^[0-9a-f]{64}$/);
    // The opened draft saves back to the same files: a new version only because the paths are the library's.
    expect(unwrap(await handlers.configs.check({ draft: draftDetail.draft }, engineer)).valid).toBe(true);

    const erin = unwrap(db.operators.findByName('Erin'));
    unwrap(db.configs.approve(demo.id, erin.id));
    const approved = unwrap(await handlers.configs.get({ id: demo.id }, qa));
    expect(approved.frozen).toBe(true);
    expect(approved.approvedAt).not.toBeNull();
    expect(approved.summary).toMatchObject({ id: demo.id, status: 'approved', contentHash: demo.contentHash });
    const missing = await errorOf(handlers.configs.get({ id: 999 }, engineer));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('says on its field when a saved configuration\'s file is gone from disk', async () => {
    const { handlers, db, userDataDir } = await station();
    const [demo] = db.configs.list();
    if (demo === undefined) expect.fail('the demo configuration was not saved');
    fs.rmSync(path.join(userDataDir, DEMO_FOLDER, DEMO_FILES.certificationDeclaration));
    const opened = unwrap(await handlers.configs.get({ id: demo.id }, engineer));
    expect((opened.draft.attestation as { certificationDeclaration: string }).certificationDeclaration).toBe('');
    expect(opened.check.valid).toBe(false);
    expect(opened.check.problems.filter((problem) => problem.field === 'attestation.certificationDeclaration')).toMatchObject([{ code: 'CONFIG_FILE_MISSING', severity: 'error' }]);
  });
});

describe('configs: problems on their fields', () => {
  it('puts a CD whose vendor ID differs from the PAI on attestation.certificationDeclaration and refuses to save it', async () => {
    const { handlers, userDataDir } = await station();
    const workspace = await makeWorkspace();
    workspaces.push(workspace.dir);
    const otherCd = await workspace.makeCd({ ...CD_CONTENT, vendorId: 0xfff2 }, workspace.signer, 'cd-fff2.der');
    const file = (name: string) => path.join(workspace.dir, name);
    const base = baseConfig();
    const draft = {
      ...base,
      attestation: {
        ...base.attestation,
        paiCertificate: await upload(handlers, file('pai-cert.pem')),
        paiKey: { source: 'file', file: await upload(handlers, file('pai-key.pem')) },
        trustStore: [await upload(handlers, file('paa/paa-cert.pem'))],
        certificationDeclaration: await upload(handlers, file('cd.der')),
        cdSigningCertificates: [await upload(handlers, file('cd-signer.pem'))],
      },
    } as ConfigDraft;
    expect(unwrap(await handlers.configs.check({ draft }, engineer)).valid).toBe(true);

    const mismatched = { ...draft, attestation: { ...(draft.attestation as object), certificationDeclaration: await upload(handlers, otherCd) } };
    const check = unwrap(await handlers.configs.check({ draft: mismatched }, engineer));
    expect(check.valid).toBe(false);
    expect(check.paiScope).toEqual({ vendorId: 0xfff1, productId: 0x8000 });
    const problem = check.problems.find((item) => item.code === 'CONFIG_CD_MISMATCH');
    expect(problem).toMatchObject({ field: 'attestation.certificationDeclaration', severity: 'error' });
    expect(problem?.message).toMatch(/vendor_id 0xFFF2 differs from the vendor ID 0xFFF1/);
    const refused = await errorOf(handlers.configs.save({ draft: mismatched }, engineer));
    expect(refused.code).toBe('CONFIG_INVALID');
    expect(refused.detail).toContain(problem?.message);

    // Files are named in messages as they were picked, never by the library's paths.
    const wrongKey = { ...draft, attestation: { ...(draft.attestation as object), paiKey: { source: 'file', file: await upload(handlers, file('pai-cert.pem')) } } };
    const keyProblem = unwrap(await handlers.configs.check({ draft: wrongKey }, engineer)).problems.find((item) => item.field === 'attestation.paiKey.file');
    expect(keyProblem?.code).toBe('CONFIG_PAI_KEY_INVALID');
    expect(keyProblem?.message).toContain('"pai-cert.pem"');
    expect(keyProblem?.message).not.toContain(userDataDir);
  });

  it('reports an unknown file id and a shape error on their fields, not as a refused call', async () => {
    const { handlers, userDataDir } = await station();
    const draft = await demoDraft(handlers, userDataDir);
    const attestation = draft.attestation as Record<string, unknown>;
    const broken = {
      ...draft,
      matter: { ...(draft.matter as object), vendorId: 'abc' },
      attestation: { ...attestation, paiCertificate: 'f'.repeat(64), trustStore: ['', ...(attestation.trustStore as string[])] },
    };
    const check = unwrap(await handlers.configs.check({ draft: broken }, engineer));
    expect(check.valid).toBe(false);
    const on = (field: string) => check.problems.filter((problem) => problem.field === field);
    expect(on('attestation.paiCertificate')).toMatchObject([{ code: 'FILE_NOT_IN_LIBRARY', severity: 'error' }]);
    expect(on('matter.vendorId')).toMatchObject([{ code: 'CONFIG_INVALID', message: 'matter.vendorId: expected a whole number 0–65535.' }]);
    expect(on('attestation.trustStore.0')).toMatchObject([{ code: 'CONFIG_FILE_MISSING', message: 'attestation.trustStore.0: no file is chosen; choose the PAA certificate.' }]);
    expect(check.files['attestation.trustStore.1']).toBeDefined();
    expect((await errorOf(handlers.configs.save({ draft: broken }, engineer))).code).toBe('CONFIG_INVALID');
  });

  it('checks the device rules while files are still missing', async () => {
    const { handlers } = await station();
    const blank = unwrap(await handlers.configs.blank(undefined, engineer));
    const check = unwrap(await handlers.configs.check({ draft: { ...blank, name: 'Lamp', part: 'EFR32XX' } }, engineer));
    expect(check.problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(['part', 'attestation.paiCertificate', 'agent.file', 'attestation.trustStore']));
    expect(check.problems.find((problem) => problem.field === 'part')?.code).toBe('CONFIG_PART_UNKNOWN');
    // Switching the agent to the board's firmware leaves no file to choose, even if the editor kept the empty one.
    const firmwareAgent = unwrap(await handlers.configs.check({ draft: { ...blank, agent: { source: 'firmware', file: '' } } }, engineer));
    expect(firmwareAgent.problems.filter((problem) => problem.field.startsWith('agent'))).toEqual([]);
  });
});

describe('configs: starting points', () => {
  it('starts a blank draft with the trust store of Settings', async () => {
    const { handlers, userDataDir } = await station();
    fs.mkdirSync(trustStoreFolder(userDataDir), { recursive: true });
    fs.copyFileSync(path.join(userDataDir, DEMO_FOLDER, DEMO_FILES.paaCertificate), path.join(trustStoreFolder(userDataDir), 'paa.pem'));
    const blank = unwrap(await handlers.configs.blank(undefined, engineer));
    expect(blank).toMatchObject({ part: 'EFR32MG24B210F1536IM48', attestation: { dcl: 'test', paiCertificate: '', cdSigningCertificates: [] } });
    expect((blank.commissioning as { serialNumberPattern: string }).serialNumberPattern).toMatch(/\{station\}.*\{seq/);
    const [paa] = (blank.attestation as { trustStore: string[] }).trustStore;
    const check = unwrap(await handlers.configs.check({ draft: blank }, engineer));
    expect(check.files['attestation.trustStore.0']).toMatchObject({ id: paa, name: 'paa.pem' });
    expect(check.valid).toBe(false);
  });

  it('imports an uploaded Silicon Labs JSON into a draft with notes', async () => {
    const { handlers, userDataDir } = await station();
    const json = path.join(userDataDir, 'latest.json');
    fs.writeFileSync(
      json,
      JSON.stringify({
        version: '2.8',
        options: { device: 'EFR32MG24B210F1536IM48', csr_mode: true, gen_fw: 'images/generator.s37' },
        matter: {
          instance_info: { vendor_id: 65521, vendor_name: 'Acme', product_id: 32768, product_name: 'Acme Lamp', hw_version: 2, hw_version_str: '2.0', serial_number: 'SN-1' },
          commissionable_data: { passcode: 20202021, iterations: 15000 },
          attestation_credentials: { pai_cert: 'credentials/pai_cert.pem', pai_key: 'credentials/pai_key.pem', certification: 'credentials/cd.der', paa_cert: 'credentials/paa.pem' },
        },
      }),
    );
    const fileId = await upload(handlers, json);
    const { draft, notes } = unwrap(await handlers.configs.importSilabs({ fileId }, engineer));
    expect(draft).toMatchObject({ name: 'Acme Lamp', matter: { vendorId: 0xfff1, productName: 'Acme Lamp', hardwareVersion: 2 }, agent: { source: 'image', file: '' } });
    expect(draft.attestation).toMatchObject({ paiCertificate: '', certificationDeclaration: '', trustStore: [] });
    expect(notes.join('\n')).toMatch(/serial_number/);
    expect(notes.join('\n')).toMatch(/attestation\.paiCertificate: the JSON names "credentials\/pai_cert\.pem"/);
    const unknown = await errorOf(handlers.configs.importSilabs({ fileId: '0'.repeat(64) }, engineer));
    expect(unknown.code).toBe('FILE_NOT_IN_LIBRARY');
  });
});

describe('configs: who may do what', () => {
  it('refuses every call to a technician, and editing to QA', async () => {
    const { handlers, db, userDataDir } = await station();
    const [demo] = db.configs.list();
    const draft = await demoDraft(handlers, userDataDir);
    const upload = { name: 'a.pem', contentBase64: 'QUJD' };
    const calls = (caller: { id: string }) => ({
      list: handlers.configs.list(undefined, caller),
      get: handlers.configs.get({ id: demo?.id ?? 1 }, caller),
      blank: handlers.configs.blank(undefined, caller),
      upload: handlers.configs.upload(upload, caller),
      check: handlers.configs.check({ draft }, caller),
      save: handlers.configs.save({ draft }, caller),
      importSilabs: handlers.configs.importSilabs({ fileId: 'a'.repeat(64) }, caller),
    });
    for (const [name, call] of Object.entries(calls(technician))) {
      expect([name, (await errorOf(call)).code]).toEqual([name, 'SESSION_ROLE_FORBIDDEN']);
    }
    const asQa = calls(qa);
    expect((await errorOf(asQa.list)).code).toBe('ok');
    expect((await errorOf(asQa.get)).code).toBe('ok');
    for (const name of ['blank', 'upload', 'check', 'save', 'importSilabs'] as const) {
      expect([name, (await errorOf(asQa[name])).code]).toEqual([name, 'SESSION_ROLE_FORBIDDEN']);
    }
    expect(db.configs.list().filter((record) => record.name === 'Window light')).toEqual([]);
  });
});
