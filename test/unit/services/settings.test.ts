import fs from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { STATION_VERSION } from '../../../main/config/version';
import { ensureDemoCredentials } from '../../../main/services/demoCredentials';
import { setOperatorActive } from '../../../main/services/settingsOperators';
import { cdSignersFolder, logsFolder, trustStoreFolder } from '../../../main/services/stationFolders';
import { createStationLog } from '../../../main/services/stationLog';
import { DEFAULT_LABEL_TEMPLATE } from '../../../main/services/stationSettings';
import type { StationDatabase } from '../../../main/store/database';
import { stationSettingsSchema } from '../../../preload/contract/settings';
import { unwrap, useTempDirs } from '../store/helpers';
import { addAndSignIn } from './signedIn';
import { engineer, errorCode, nobody, qa, technician, useStationWithRoles, type RoleStation } from './stationWithRoles';

const newcomer = { id: 'test:5' };

const stationWithRoles = useStationWithRoles();
/** For the log rotation test, which needs a folder and no station. */
const tempDir = useTempDirs();

interface Station extends RoleStation {
  readonly userDataDir: string;
  /** The demo hierarchy's files (a PAA, a PAI, a CD signing certificate and key). */
  readonly demo: { paa: string; pai: string; cdSigner: string; cdKey: string };
}

/** A station with an engineer (Erin), a QA operator and a technician signed in, each in their own window. */
async function station(): Promise<Station> {
  const s = await stationWithRoles();
  const demo = unwrap(await ensureDemoCredentials(s.dir)).files;
  return { ...s, userDataDir: s.dir, demo: { paa: demo.paaCertificate, pai: demo.paiCertificate, cdSigner: demo.cdSigningCertificate, cdKey: demo.cdSigningKey } };
}

function upload(file: string, name = file.split('/').at(-1) ?? 'file') {
  return { name, contentBase64: fs.readFileSync(file).toString('base64') };
}

const lastEvent = (db: StationDatabase) => db.events.list().at(-1);

describe('settings: who may do what', () => {
  it('lets QA and engineers look, refuses technicians and windows nobody is signed in to', async () => {
    const { handlers } = await station();
    expect(await errorCode(handlers.settings.get(undefined, technician))).toBe('SESSION_ROLE_FORBIDDEN');
    expect(await errorCode(handlers.settings.get(undefined, nobody))).toBe('SESSION_REQUIRED');
    const seen = stationSettingsSchema.parse(unwrap(await handlers.settings.get(undefined, qa)));
    expect(seen.operators.map((operator) => operator.name)).toEqual(['Erin', 'Quinn', 'Tess']);
    expect(seen.labelTemplate).toEqual(DEFAULT_LABEL_TEMPLATE);
    expect(seen.jlinkLibraryPath).toBeNull();
  });

  it('refuses every change to QA and technicians', async () => {
    const { handlers, db, userDataDir, demo } = await station();
    const eventsBefore = db.events.list().length;
    for (const caller of [qa, technician]) {
      expect(await errorCode(handlers.settings.setStationId({ stationId: 'LINE-9' }, caller))).toBe('SESSION_ROLE_FORBIDDEN');
      expect(await errorCode(handlers.settings.addOperator({ name: 'Mallory', role: 'engineer', pin: '1111' }, caller))).toBe('SESSION_ROLE_FORBIDDEN');
      expect(await errorCode(handlers.settings.setOperatorActive({ id: 1, active: false }, caller))).toBe('SESSION_ROLE_FORBIDDEN');
      expect(await errorCode(handlers.settings.setOperatorPin({ id: 1, pin: '1111' }, caller))).toBe('SESSION_ROLE_FORBIDDEN');
      expect(await errorCode(handlers.settings.addTrustedPaa(upload(demo.paa), caller))).toBe('SESSION_ROLE_FORBIDDEN');
      expect(await errorCode(handlers.settings.addCdSigningCertificate(upload(demo.cdSigner), caller))).toBe('SESSION_ROLE_FORBIDDEN');
      expect(await errorCode(handlers.settings.setJlinkLibraryPath({ path: null }, caller))).toBe('SESSION_ROLE_FORBIDDEN');
      expect(await errorCode(handlers.settings.setLabelTemplate({ ...DEFAULT_LABEL_TEMPLATE, dpi: 300 }, caller))).toBe('SESSION_ROLE_FORBIDDEN');
    }
    expect(fs.existsSync(trustStoreFolder(userDataDir))).toBe(false);
    expect(db.events.list()).toHaveLength(eventsBefore);
  });
});

describe('settings: operators', () => {
  it('adds an operator who can then sign in, and refuses the same name in another case', async () => {
    const { handlers, db } = await station();
    const after = unwrap(await handlers.settings.addOperator({ name: ' Tom ', role: 'technician', pin: '97531' }, engineer));
    expect(after.operators.find((operator) => operator.name === 'Tom')).toMatchObject({ role: 'technician', active: true });
    expect(lastEvent(db)).toMatchObject({ kind: 'operator.added', actor: 'Erin', payload: { name: 'Tom', role: 'technician' } });
    expect(unwrap(await handlers.session.signIn({ name: 'Tom', pin: '97531' }, newcomer))).toMatchObject({ name: 'Tom', role: 'technician' });
    expect(await errorCode(handlers.settings.addOperator({ name: 'tom', role: 'engineer', pin: '1111' }, engineer))).toBe('SETTINGS_OPERATOR_NAME_TAKEN');
  });

  it('never lets engineers deactivate themselves or the last active engineer', async () => {
    const { handlers, db } = await station();
    const erin = unwrap(db.operators.findByName('Erin'));
    expect(await errorCode(handlers.settings.setOperatorActive({ id: erin.id, active: false }, engineer))).toBe('SETTINGS_OWN_ACCOUNT');
    const eveWindow = { id: 'test:eve' };
    await addAndSignIn(handlers, db, eveWindow, 'Eve', 'engineer');
    const eve = unwrap(db.operators.findByName('Eve'));
    // Eve deactivates Erin while Erin is signed in: Erin's window is signed out at once.
    unwrap(await handlers.settings.setOperatorActive({ id: erin.id, active: false }, eveWindow));
    expect(db.events.list().slice(-2)).toMatchObject([
      { kind: 'operator.deactivated', actor: 'Eve', payload: { operatorId: erin.id } },
      { kind: 'session.signedOut', actor: 'Erin', payload: { operatorId: erin.id, reason: 'operatorDeactivated' } },
    ]);
    expect(await errorCode(handlers.settings.setOperatorActive({ id: eve.id, active: false }, engineer))).toBe('SESSION_REQUIRED');
    // Even an engineer acting on a stale view may not remove the only active engineer left.
    expect(setOperatorActive(db, { id: erin.id, name: 'Erin', role: 'engineer' }, eve.id, false)).toMatchObject({ ok: false, error: { code: 'SETTINGS_LAST_ENGINEER' } });
    expect(unwrap(db.operators.findByName('Eve')).active).toBe(true);
  });

  it('keeps a deactivated operator out until reactivated, and a new PIN replaces the old one', async () => {
    const { handlers, db } = await station();
    const tess = unwrap(db.operators.findByName('Tess'));
    unwrap(await handlers.settings.setOperatorActive({ id: tess.id, active: false }, engineer));
    expect(await errorCode(handlers.session.signIn({ name: 'Tess', pin: '1234' }, newcomer))).toBe('RECORD_PIN_WRONG');
    const back = unwrap(await handlers.settings.setOperatorActive({ id: tess.id, active: true }, engineer));
    expect(back.operators.find((operator) => operator.id === tess.id)?.active).toBe(true);
    unwrap(await handlers.session.signIn({ name: 'Tess', pin: '1234' }, technician));
    unwrap(await handlers.settings.setOperatorPin({ id: tess.id, pin: '864209' }, engineer));
    expect(db.events.list().slice(-2)).toMatchObject([
      { kind: 'operator.pinSet', actor: 'Erin', payload: { operatorId: tess.id, name: 'Tess' } },
      { kind: 'session.signedOut', actor: 'Tess', payload: { reason: 'pinChanged' } },
    ]);
    expect(unwrap(await handlers.session.status(undefined, technician)).operator).toBeNull();
    expect(JSON.stringify(db.events.list().slice(-2))).not.toContain('864209');
    expect(await errorCode(handlers.session.signIn({ name: 'Tess', pin: '1234' }, newcomer))).toBe('RECORD_PIN_WRONG');
    expect(unwrap(await handlers.session.signIn({ name: 'Tess', pin: '864209' }, newcomer)).name).toBe('Tess');
    expect(await errorCode(handlers.settings.setOperatorPin({ id: 999, pin: '1111' }, engineer))).toBe('NOT_FOUND');
  });
});

describe('settings: the station', () => {
  it('sets a valid station id with an audit event and refuses an invalid one', async () => {
    const { handlers, db } = await station();
    const before = db.station.stationId();
    expect(await errorCode(handlers.settings.setStationId({ stationId: 'LINE 1!' }, engineer))).toBe('RECORD_STATION_ID_INVALID');
    expect(db.station.stationId()).toBe(before);
    expect(unwrap(await handlers.settings.setStationId({ stationId: 'LINE-1' }, engineer)).stationId).toBe('LINE-1');
    expect(lastEvent(db)).toMatchObject({ kind: 'station.idChanged', actor: 'Erin', payload: { from: before, to: 'LINE-1' } });
  });

  it('adds the demo PAA to the trust store and lists it, refusing a PAI and the same PAA twice', async () => {
    const { handlers, db, userDataDir, demo } = await station();
    expect(await errorCode(handlers.settings.addTrustedPaa(upload(demo.pai), engineer))).toBe('SETTINGS_NOT_A_PAA');
    expect(await errorCode(handlers.settings.addTrustedPaa(upload(demo.cdKey), engineer))).toBe('SETTINGS_NOT_A_PAA');
    const after = unwrap(await handlers.settings.addTrustedPaa(upload(demo.paa, 'Demo PAA.pem'), engineer));
    expect(after.trustStoreFolders).toEqual([{ path: trustStoreFolder(userDataDir), certificates: 1, problems: [] }]);
    expect(fs.readdirSync(trustStoreFolder(userDataDir))).toEqual(['Demo-PAA.pem']);
    expect(lastEvent(db)).toMatchObject({ kind: 'trustStore.paaAdded', actor: 'Erin', payload: { file: 'Demo-PAA.pem' } });
    expect(await errorCode(handlers.settings.addTrustedPaa(upload(demo.paa, 'again.pem'), engineer))).toBe('SETTINGS_CERTIFICATE_DUPLICATE');
    // A stray file in the folder is listed as a problem, not hidden.
    fs.copyFileSync(demo.pai, join(trustStoreFolder(userDataDir), 'stray-pai.pem'));
    const listed = unwrap(await handlers.settings.get(undefined, qa)).trustStoreFolders[0];
    expect(listed?.certificates).toBe(1);
    expect(listed?.problems).toEqual([expect.stringMatching(/^stray-pai\.pem: not self-signed/)]);
  });

  it('adds a CD signing certificate with a P-256 key and lists its subject, refusing other files', async () => {
    const { handlers, userDataDir, demo } = await station();
    expect(await errorCode(handlers.settings.addCdSigningCertificate(upload(demo.cdKey), engineer))).toBe('SETTINGS_CD_SIGNER_INVALID');
    const after = unwrap(await handlers.settings.addCdSigningCertificate(upload(demo.cdSigner), engineer));
    expect(after.cdSigningCertificates).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'demo-cd-signing-cert.pem', size: fs.statSync(demo.cdSigner).size, subject: expect.stringContaining('CN=') },
    ]);
    expect(fs.readdirSync(cdSignersFolder(userDataDir))).toEqual(['demo-cd-signing-cert.pem']);
    expect(await errorCode(handlers.settings.addCdSigningCertificate(upload(demo.cdSigner, 'copy.pem'), engineer))).toBe('SETTINGS_CERTIFICATE_DUPLICATE');
  });

  it('accepts only an existing file named like the J-Link library, and clears it with null', async () => {
    const { handlers, db, userDataDir } = await station();
    expect(await errorCode(handlers.settings.setJlinkLibraryPath({ path: db.path }, engineer))).toBe('SETTINGS_JLINK_LIBRARY_INVALID');
    const library = join(userDataDir, 'libjlinkarm.so.7.94.2');
    expect(await errorCode(handlers.settings.setJlinkLibraryPath({ path: library }, engineer))).toBe('SETTINGS_JLINK_LIBRARY_INVALID');
    fs.mkdirSync(join(userDataDir, 'JLinkARM.dll'));
    expect(await errorCode(handlers.settings.setJlinkLibraryPath({ path: join(userDataDir, 'JLinkARM.dll') }, engineer))).toBe('SETTINGS_JLINK_LIBRARY_INVALID');
    expect(await errorCode(handlers.settings.setJlinkLibraryPath({ path: 'libjlinkarm.so' }, engineer))).toBe('SETTINGS_JLINK_LIBRARY_INVALID');
    fs.writeFileSync(library, 'not really a library');
    expect(unwrap(await handlers.settings.setJlinkLibraryPath({ path: library }, engineer)).jlinkLibraryPath).toBe(library);
    expect(lastEvent(db)).toMatchObject({ kind: 'settings.changed', actor: 'Erin', payload: { key: 'jlinkLibraryPath', value: library } });
    expect(unwrap(await handlers.settings.setJlinkLibraryPath({ path: null }, engineer)).jlinkLibraryPath).toBeNull();
  });

  it('saves the label template and reads it back', async () => {
    const { handlers } = await station();
    const template = { template: 'qr-manual-serial' as const, widthMm: 62, heightMm: 29, dpi: 300 as const };
    expect(unwrap(await handlers.settings.setLabelTemplate(template, engineer)).labelTemplate).toEqual(template);
    expect(unwrap(await handlers.settings.get(undefined, qa)).labelTemplate).toEqual(template);
    expect(await errorCode(handlers.settings.setLabelTemplate({ ...template, widthMm: 5 }, engineer))).toBe('IPC_BAD_REQUEST');
  });
});

describe('settings: logs', () => {
  it('exports a zip with the logs, the versions and the audit head, to any signed-in role', async () => {
    const { handlers, db, userDataDir } = await station();
    unwrap(await handlers.settings.setStationId({ stationId: 'LINE-2' }, engineer));
    expect(await errorCode(handlers.settings.exportLogs(undefined, nobody))).toBe('SESSION_REQUIRED');
    const download = unwrap(await handlers.settings.exportLogs(undefined, technician));
    expect(download.fileName).toMatch(/^matterline-logs-LINE-2-\d{8}-\d{6}\.zip$/);
    expect(download.mimeType).toBe('application/zip');
    const files = unzipSync(new Uint8Array(Buffer.from(download.contentBase64, 'base64')));
    expect(Object.keys(files).sort()).toEqual(['audit-head.json', 'logs/matterline.log', 'versions.json']);
    const versions = JSON.parse(strFromU8(files['versions.json'] as Uint8Array)) as Record<string, unknown>;
    expect(versions).toMatchObject({ matterline: STATION_VERSION, node: process.versions.node, stationId: 'LINE-2', schemaVersion: db.schemaVersion() });
    const head = JSON.parse(strFromU8(files['audit-head.json'] as Uint8Array)) as Record<string, unknown>;
    expect(head).toMatchObject({ chainIntact: true, count: db.events.list().length, headHash: lastEvent(db)?.hash });
    const log = strFromU8(files['logs/matterline.log'] as Uint8Array).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(log).toEqual([
      expect.objectContaining({ level: 'info', event: 'settings.changed', actor: 'Erin', to: 'LINE-2' }),
      expect.objectContaining({ level: 'info', event: 'logs.exported', actor: 'Tess' }),
    ]);
    expect(fs.readdirSync(logsFolder(userDataDir))).toEqual(['matterline.log']);
  });

  it('rotates the station log and keeps three files', () => {
    const userDataDir = tempDir();
    const log = createStationLog(userDataDir, { rotateBytes: 200 });
    for (let index = 0; index < 20; index += 1) expect(log.write('info', 'test.line', { index })).toBe(true);
    const files = fs.readdirSync(logsFolder(userDataDir)).sort();
    expect(files).toEqual(['matterline.log', 'matterline.log.1', 'matterline.log.2']);
    for (const file of files) expect(fs.statSync(join(logsFolder(userDataDir), file)).size).toBeLessThanOrEqual(200);
    const newest = fs.readFileSync(log.file, 'utf8').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(newest)).toMatchObject({ event: 'test.line', index: 19 });
  });
});
