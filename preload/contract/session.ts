/**
 * Sign-in: an operator and a PIN per window. Roles (technician, QA, engineer) are enforced in main
 * on every call that needs one; the renderer only hides what the signed-in role may not do. On first
 * run (no operator yet) the station asks for the first engineer.
 */
import { z } from 'zod';
import { call, feature } from './define';

export const operatorRoleSchema = z.enum(['technician', 'qa', 'engineer']);
export type OperatorRole = z.infer<typeof operatorRoleSchema>;

export const signedInOperatorSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: operatorRoleSchema,
});
export type SignedInOperator = z.infer<typeof signedInOperatorSchema>;

export const sessionStatusSchema = z.object({
  /** No operator exists yet: the window asks for the first engineer. */
  firstRun: z.boolean(),
  /** Who is signed in in this window; null when nobody is. */
  operator: signedInOperatorSchema.nullable(),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

const credentialsSchema = z.object({
  name: z.string().trim().min(1).max(64),
  /** 4 to 12 digits. */
  pin: z.string().regex(/^[0-9]{4,12}$/),
});

export const sessionContract = feature({
  calls: {
    status: call(z.undefined(), sessionStatusSchema),
    /** Only while no operator exists; the new engineer is signed in. */
    createFirstEngineer: call(credentialsSchema, signedInOperatorSchema),
    signIn: call(credentialsSchema, signedInOperatorSchema),
    signOut: call(z.undefined(), z.null()),
  },
  events: {},
});
