/**
 * Product configurations in the window: the list and one configuration (QA and engineer), and for
 * the engineer the editor's calls — a blank draft, a Silicon Labs import, picked files kept in the
 * file library, checking a draft and saving it. Saving goes the way `matterline lot create --config`
 * and the demo go (productConfigs.ts saveConfiguration): validated again, the library's absolute paths
 * and every file's digest in the content, the same content reused rather than saved twice.
 */
import type { MatterlineHandlers } from '../../preload/contract';
import type { ConfigDetail } from '../../preload/contract/configs';
import type { Caller } from '../../preload/contract/define';
import { failure, success } from '../../preload/contract/errors';
import type { OperatorRole } from '../../preload/contract/session';
import { saveConfiguration } from '../station/productConfigs';
import type { ProductConfigRecord } from '../store/repositories/configs';
import { systemClock } from '../store/shared';
import { blockingSentences, checkDraft, draftFromConfig } from './configDrafts';
import { storeUpload } from './fileLibrary';
import { configurationSummary } from './lotsHandlers';
import { blankDraft, importSilabsDraft } from './newConfigDrafts';
import type { ServiceOptions } from './serviceOptions';
import { signedInWithDatabase } from './sessions';

export type ConfigsHandlers = MatterlineHandlers['configs'];

const READERS: readonly OperatorRole[] = ['qa', 'engineer'];
const EDITORS: readonly OperatorRole[] = ['engineer'];

export function createConfigsHandlers(service: ServiceOptions): ConfigsHandlers {
  const { userDataDir } = service;
  const now = service.now ?? systemClock;
  const signedIn = (caller: Caller, roles: readonly OperatorRole[], action: string) => signedInWithDatabase(service.sessions, service.database, caller, roles, action);

  return {
    list: (_input, caller) => {
      const ready = signedIn(caller, READERS, 'listing product configurations');
      if (!ready.ok) return ready;
      return success(ready.value.db.configs.list().map(configurationSummary));
    },

    get: async ({ id }, caller) => {
      const ready = signedIn(caller, READERS, `opening product configuration ${id}`);
      if (!ready.ok) return ready;
      const record = ready.value.db.configs.get(id);
      if (!record.ok) return record;
      return success(await detail(record.value));
    },

    blank: (_input, caller) => {
      const ready = signedIn(caller, EDITORS, 'starting a new product configuration');
      return ready.ok ? success(blankDraft(userDataDir)) : ready;
    },

    upload: (input, caller) => {
      const ready = signedIn(caller, EDITORS, `keeping the file "${input.name}"`);
      if (!ready.ok) return ready;
      const stored = storeUpload(userDataDir, input);
      if (!stored.ok) return stored;
      const event = ready.value.db.events.append('file.stored', ready.value.operator.name, { ...stored.value });
      return event.ok ? stored : event;
    },

    check: async ({ draft }, caller) => {
      const ready = signedIn(caller, EDITORS, 'checking a product configuration');
      if (!ready.ok) return ready;
      return success((await checkDraft(userDataDir, draft, now())).check);
    },

    save: async ({ draft }, caller) => {
      const named = typeof draft.name === 'string' && draft.name.trim() !== '' ? `"${draft.name}"` : '(unnamed)';
      const ready = signedIn(caller, EDITORS, `saving product configuration ${named}`);
      if (!ready.ok) return ready;
      const { db, operator } = ready.value;
      const at = now();
      const checked = await checkDraft(userDataDir, draft, at);
      if (!checked.check.valid || checked.config === null) return failure('CONFIG_INVALID', `configuration ${named}: ${blockingSentences(checked.check)}`);
      const saved = await saveConfiguration(db, checked.config, `configuration ${named}`, {
        now: at,
        createdBy: operator.id,
        onCreated: (record) =>
          db.events.append('config.saved', operator.name, { configId: record.id, name: record.name, version: record.version, contentHash: record.contentHash }),
      });
      if (!saved.ok) return saved;
      return success({ summary: configurationSummary(saved.value.record), created: saved.value.created });
    },

    importSilabs: ({ fileId }, caller) => {
      const ready = signedIn(caller, EDITORS, 'importing a Silicon Labs provisioning JSON');
      return ready.ok ? importSilabsDraft(userDataDir, fileId) : ready;
    },
  };

  /** A saved configuration as the window opens it: its files kept in the library and named by id, and its check. */
  async function detail(record: ProductConfigRecord): Promise<ConfigDetail> {
    // Content is { config, files } (productConfigs.ts), read defensively: a row written by another tool still opens.
    const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
    const saved = isObject(record.content) ? record.content.config : undefined;
    const config = isObject(saved) ? saved : {};
    const { draft, notKept } = draftFromConfig(userDataDir, config, '/');
    const { check } = await checkDraft(userDataDir, draft, now());
    // A file gone from disk since it was saved: say so on its field rather than "no file is chosen".
    const missing = notKept.map((file) => ({
      field: file.field,
      severity: 'error' as const,
      code: 'CONFIG_FILE_MISSING',
      message: `${file.field}: ${file.reason}; the saved file cannot be read, so choose it again for a new version.`,
    }));
    const fields = new Set(missing.map((problem) => problem.field));
    return {
      summary: configurationSummary(record),
      draft,
      check: { ...check, problems: [...missing, ...check.problems.filter((problem) => !fields.has(problem.field))] },
      frozen: record.status === 'approved',
      createdAt: record.createdAt,
      approvedAt: record.approvedAt,
    };
  }
}
