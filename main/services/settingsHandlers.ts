/**
 * Settings' answers: the station's operators, id, trust store, CD signing certificates, J-Link
 * library, label template and where its database is; engineers change them, QA may look, and any
 * signed-in operator may export the logs. Every change is an audit event (actor: the signed-in
 * operator) and a line in the station log, and is answered with the whole settings view again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MatterlineHandlers } from '../../preload/contract';
import type { Caller } from '../../preload/contract/define';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { OperatorRole, SignedInOperator } from '../../preload/contract/session';
import { labelTemplateSchema, type StationSettings } from '../../preload/contract/settings';
import type { StationDatabase } from '../store/database';
import { exportLogs } from './logExport';
import type { ServiceOptions } from './serviceOptions';
import { ANY_ROLE, signedInWithDatabase } from './sessions';
import { addCdSigner, addTrustedPaa, describeTrustStoreFolders, listCdSigners } from './settingsCertificates';
import { addOperator, setOperatorActive, setOperatorPin } from './settingsOperators';
import { createStationLog, type StationLogFields } from './stationLog';
import { JLINK_LIBRARY_KEY, LABEL_TEMPLATE_KEY, readJlinkLibraryPath, readLabelTemplate } from './stationSettings';

export type SettingsHandlers = MatterlineHandlers['settings'];

const READERS: readonly OperatorRole[] = ['qa', 'engineer'];
const CHANGERS: readonly OperatorRole[] = ['engineer'];

/** SEGGER's library file names: libjlinkarm.so[.7…] (Linux), libjlinkarm[.7…].dylib (macOS), JLink_x64.dll / JLinkARM.dll (Windows). */
const JLINK_LIBRARY_NAME = /^(libjlinkarm[^/\\]*\.so(\.[^/\\]*)?|libjlinkarm[^/\\]*\.dylib|jlink_x64\.dll|jlinkarm\.dll)$/i;

type Change = { db: StationDatabase; operator: SignedInOperator };

export function createSettingsHandlers(options: ServiceOptions): SettingsHandlers {
  const { sessions, userDataDir } = options;
  const now = options.now ?? ((): Date => new Date());
  const log = createStationLog(userDataDir, { now });

  const signedIn = (caller: Caller, roles: readonly OperatorRole[], action: string) => signedInWithDatabase(sessions, options.database, caller, roles, action);

  function view(db: StationDatabase): Result<StationSettings> {
    return success({
      stationId: db.station.stationId(),
      databasePath: options.databasePath,
      trustStoreFolders: describeTrustStoreFolders(userDataDir),
      cdSigningCertificates: listCdSigners(userDataDir),
      jlinkLibraryPath: readJlinkLibraryPath(db),
      labelTemplate: readLabelTemplate(db),
      operators: db.operators.list().map(({ id, name, role, active }) => ({ id, name, role, active })),
    });
  }

  /** An engineer's change: checked, applied, logged, and answered with the settings as they now are. */
  function change(caller: Caller, action: string, apply: (ready: Change) => Result<StationLogFields>): Result<StationSettings> {
    const ready = signedIn(caller, CHANGERS, action);
    if (!ready.ok) return ready;
    const applied = apply(ready.value);
    if (!applied.ok) {
      log.write('warn', 'settings.refused', { action, actor: ready.value.operator.name, code: applied.error.code, detail: applied.error.detail ?? null });
      return applied;
    }
    log.write('info', 'settings.changed', { action, actor: ready.value.operator.name, ...applied.value });
    return view(ready.value.db);
  }

  /** A setting stored by key, with its audit event in the same transaction. */
  function writeSetting(ready: Change, key: string, value: unknown, payload: Record<string, string | number | null>): Result<null> {
    return ready.db.transaction((): Result<null> => {
      const written = ready.db.settings.write(key, value);
      if (!written.ok) return written;
      const event = ready.db.events.append('settings.changed', ready.operator.name, { key, ...payload });
      return event.ok ? success(null) : event;
    });
  }

  return {
    get: (_input, caller) => {
      const ready = signedIn(caller, READERS, 'looking at the station settings');
      return ready.ok ? view(ready.value.db) : ready;
    },

    setStationId: (input, caller) =>
      change(caller, `setting the station id to "${input.stationId}"`, ({ db, operator }) => {
        const stationId = input.stationId.trim();
        const previous = db.station.stationId();
        const changed = db.transaction((): Result<string> => {
          const set = db.station.setStationId(stationId);
          if (!set.ok) return set;
          const event = db.events.append('station.idChanged', operator.name, { from: previous, to: stationId });
          return event.ok ? set : event;
        });
        return changed.ok ? success({ from: previous, to: stationId }) : changed;
      }),

    addOperator: (input, caller) =>
      change(caller, `adding ${input.role} "${input.name.trim()}"`, ({ db, operator }) => {
        const added = addOperator(db, operator, input);
        return added.ok ? success({ operatorId: added.value.id, name: added.value.name, role: added.value.role }) : added;
      }),

    setOperatorActive: (input, caller) =>
      change(caller, `${input.active ? 'reactivating' : 'deactivating'} operator ${input.id}`, ({ db, operator }) => {
        const changed = setOperatorActive(db, operator, input.id, input.active);
        if (changed.ok && !input.active) sessions.endSessionsOf(input.id, 'operatorDeactivated');
        return changed.ok ? success({ operatorId: changed.value.id, name: changed.value.name, active: changed.value.active }) : changed;
      }),

    setOperatorPin: (input, caller) =>
      change(caller, `setting a new PIN for operator ${input.id}`, ({ db, operator }) => {
        const changed = setOperatorPin(db, operator, input.id, input.pin);
        if (changed.ok && changed.value.id !== operator.id) sessions.endSessionsOf(input.id, 'pinChanged');
        return changed.ok ? success({ operatorId: changed.value.id, name: changed.value.name }) : changed;
      }),

    addTrustedPaa: (input, caller) =>
      change(caller, `adding PAA certificate ${input.name}`, ({ db, operator }) => {
        const added = addTrustedPaa(userDataDir, input);
        if (!added.ok) return added;
        const event = db.events.append('trustStore.paaAdded', operator.name, { file: path.basename(added.value.file), subject: added.value.subject });
        return event.ok ? success({ file: added.value.file, subject: added.value.subject }) : event;
      }),

    addCdSigningCertificate: (input, caller) =>
      change(caller, `adding CD signing certificate ${input.name}`, ({ db, operator }) => {
        const added = addCdSigner(userDataDir, input);
        if (!added.ok) return added;
        const event = db.events.append('cdSigners.added', operator.name, { file: path.basename(added.value.file), subject: added.value.subject });
        return event.ok ? success({ file: added.value.file, subject: added.value.subject }) : event;
      }),

    setJlinkLibraryPath: (input, caller) =>
      change(caller, input.path === null ? 'clearing the J-Link library path' : `setting the J-Link library path to ${input.path}`, (ready) => {
        const chosen = input.path === null ? success(null) : checkJlinkLibrary(input.path.trim());
        if (!chosen.ok) return chosen;
        const written = writeSetting(ready, JLINK_LIBRARY_KEY, chosen.value, { value: chosen.value });
        return written.ok ? success({ jlinkLibraryPath: chosen.value }) : written;
      }),

    setLabelTemplate: (input, caller) =>
      change(caller, 'setting the label template', (ready) => {
        const parsed = labelTemplateSchema.safeParse(input);
        if (!parsed.success) return failure('IPC_BAD_REQUEST', 'settings.setLabelTemplate: ' + parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
        const { template, widthMm, heightMm, dpi } = parsed.data;
        const written = writeSetting(ready, LABEL_TEMPLATE_KEY, parsed.data, { template, widthMm, heightMm, dpi });
        return written.ok ? success({ template, widthMm, heightMm, dpi }) : written;
      }),

    exportLogs: (_input, caller) => {
      const ready = signedIn(caller, ANY_ROLE, 'exporting the station logs');
      if (!ready.ok) return ready;
      // Logged first, so the zip shows who asked for it.
      log.write('info', 'logs.exported', { actor: ready.value.operator.name });
      return exportLogs(ready.value.db, userDataDir, now());
    },
  };
}

/** An absolute path to an existing regular file named like SEGGER's J-Link library. */
export function checkJlinkLibrary(file: string): Result<string> {
  if (!path.isAbsolute(file)) return failure('SETTINGS_JLINK_LIBRARY_INVALID', `${file}: give the full path (it starts with / or a drive letter)`);
  if (!JLINK_LIBRARY_NAME.test(path.basename(file))) {
    return failure('SETTINGS_JLINK_LIBRARY_INVALID', `${file}: "${path.basename(file)}" is not a J-Link library name (libjlinkarm*.so*, libjlinkarm*.dylib, JLink_x64.dll, JLinkARM.dll)`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return failure('SETTINGS_JLINK_LIBRARY_INVALID', `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
  if (!stat.isFile()) return failure('SETTINGS_JLINK_LIBRARY_INVALID', `${file}: not a regular file`);
  return success(file);
}
