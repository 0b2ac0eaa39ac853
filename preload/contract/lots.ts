/**
 * Lots in the window: the list with status, progress and yield, making a lot on a saved product
 * configuration (engineer), and QA's decision on a sample lot (approve: the configuration is frozen).
 * Roles are checked in main; the window only hides what the signed-in role may not do.
 */
import { z } from 'zod';
import { call, feature } from './define';

export const lotKindSchema = z.enum(['sample', 'production']);
export const lotStatusSchema = z.enum(['open', 'running', 'awaiting_qa', 'approved', 'rejected', 'closed']);

export const configurationSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'approved', 'retired']),
  /** SHA-256 of the saved content: what approval froze. */
  contentHash: z.string(),
  partNumber: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
});
export type ConfigurationSummary = z.infer<typeof configurationSummarySchema>;

export const lotSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: lotKindSchema,
  status: lotStatusSchema,
  quantity: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  inProgress: z.number().int(),
  /** passed ÷ (passed + failed), null before any device finished. */
  yield: z.number().nullable(),
  configuration: configurationSummarySchema,
  /** The configuration hash the lot was made with. */
  configHash: z.string(),
  createdAt: z.string(),
  notes: z.string().nullable(),
  /** The QA decision, once made. */
  decision: z
    .object({ decision: z.enum(['approved', 'rejected']), operator: z.string(), reason: z.string().nullable(), at: z.string() })
    .nullable(),
});
export type LotSummary = z.infer<typeof lotSummarySchema>;

export const lotsContract = feature({
  calls: {
    list: call(z.undefined(), z.array(lotSummarySchema)),
    configurations: call(z.undefined(), z.array(configurationSummarySchema)),
    /** Engineer only. A production lot needs an approved configuration. */
    create: call(
      z.object({
        name: z.string().trim().min(1).max(64),
        kind: lotKindSchema,
        configurationId: z.number().int().positive(),
        quantity: z.number().int().min(1).max(1_000_000),
        notes: z.string().max(500).optional(),
      }),
      lotSummarySchema,
    ),
    /** QA only, on a sample lot awaiting QA; a rejection needs a reason. */
    decide: call(z.object({ lotId: z.number().int().positive(), decision: z.enum(['approved', 'rejected']), reason: z.string().max(500).optional() }), lotSummarySchema),
  },
  events: {
    /** A lot was made, ran or was decided. */
    changed: lotSummarySchema,
  },
});
