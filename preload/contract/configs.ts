/**
 * Product configurations in the window (engineer): the list, a configuration opened read-only (an
 * approved one is frozen, shown with its hash), and the editor — a draft is the configuration's JSON
 * (docs/product-configuration.md) with every file reference replaced by a stored file id (files.ts),
 * checked in main as it is edited (one sentence per problem, on its field) and saved as a new draft
 * version only when nothing blocks it. QA may open a configuration; only engineers change them.
 */
import { z } from 'zod';
import { call, feature } from './define';
import { storedFileSchema, uploadSchema } from './files';
import { configurationSummarySchema } from './lots';

export const configProblemSchema = z.object({
  /** The field path, e.g. "matter.vendorId", "attestation.trustStore.0"; "" for the whole configuration. */
  field: z.string(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  /** One sentence naming the field, what is wrong and what to do. */
  message: z.string(),
  /** A warning that blocks until accepted: false until the configuration accepts it. */
  acknowledged: z.boolean().optional(),
});
export type ConfigProblemView = z.infer<typeof configProblemSchema>;

/**
 * The configuration's JSON as the editor holds it: the product configuration format with file
 * references as stored file ids. Main checks it with the format's own schema, so a shape problem
 * comes back as a field problem too, not as a refused call.
 */
export const configDraftSchema = z.record(z.string(), z.unknown());
export type ConfigDraft = z.infer<typeof configDraftSchema>;

export const draftCheckSchema = z.object({
  /** Nothing blocks saving: no errors, every warning that needs accepting accepted. */
  valid: z.boolean(),
  problems: z.array(configProblemSchema),
  /** The stored files the draft names, by field path (e.g. "attestation.paiCertificate", "attestation.trustStore.0"). */
  files: z.record(z.string(), storedFileSchema),
  /** What the PAI fixes: VID always, PID when the PAI names one. The editor fills these fields and locks them. */
  paiScope: z.object({ vendorId: z.number().int(), productId: z.number().int().nullable() }).nullable(),
});
export type DraftCheck = z.infer<typeof draftCheckSchema>;

export const configDetailSchema = z.object({
  summary: configurationSummarySchema,
  /** The saved configuration as a draft (file references as stored file ids), to view or to start a new version from. */
  draft: configDraftSchema,
  check: draftCheckSchema,
  /** Approved configurations are frozen: a change is a new draft version, approved again. */
  frozen: z.boolean(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
});
export type ConfigDetail = z.infer<typeof configDetailSchema>;

export const configsContract = feature({
  calls: {
    /** QA and engineer. */
    list: call(z.undefined(), z.array(configurationSummarySchema)),
    /** QA and engineer. */
    get: call(z.object({ id: z.number().int().positive() }), configDetailSchema),
    /** Engineer. A new configuration's starting point: every field with its default, no files yet. */
    blank: call(z.undefined(), configDraftSchema),
    /** Engineer. Keeps a picked file in the station's file library. */
    upload: call(uploadSchema, storedFileSchema),
    /** Engineer. Every problem of a draft, on its field. */
    check: call(z.object({ draft: configDraftSchema }), draftCheckSchema),
    /** Engineer. Saves a new draft version; refused (CONFIG_INVALID, every problem in the detail) while anything blocks. */
    save: call(z.object({ draft: configDraftSchema }), z.object({ summary: configurationSummarySchema, created: z.boolean() })),
    /** Engineer. A draft from a Silicon Labs provisioning JSON (latest.json / cpms.json) already uploaded, with what Matterline could not take over. */
    importSilabs: call(z.object({ fileId: z.string() }), z.object({ draft: configDraftSchema, notes: z.array(z.string()) })),
  },
  events: {},
});
