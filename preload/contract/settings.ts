/**
 * Settings: operators, the station id, the trust store folders and CD signing certificates the
 * station offers new configurations, the J-Link library path, the label template, where the
 * database is (read-only) and the zipped logs. Engineers change them; QA may look.
 */
import { z } from 'zod';
import { call, feature } from './define';
import { downloadSchema, storedFileSchema, uploadSchema } from './files';
import { operatorRoleSchema } from './session';

export const operatorRowSchema = z.object({ id: z.number().int(), name: z.string(), role: operatorRoleSchema, active: z.boolean() });
export type OperatorRow = z.infer<typeof operatorRowSchema>;

export const labelTemplateSchema = z.object({
  template: z.enum(['qr-manual-serial']),
  widthMm: z.number().min(15).max(150),
  heightMm: z.number().min(10).max(150),
  /** For ZPL: the printer's resolution. */
  dpi: z.union([z.literal(203), z.literal(300), z.literal(600)]),
});
export type LabelTemplate = z.infer<typeof labelTemplateSchema>;

export const stationSettingsSchema = z.object({
  stationId: z.string(),
  /** Read-only: where the station database is. */
  databasePath: z.string(),
  /** Folders of PAA certificates; the station's own library folder first. */
  trustStoreFolders: z.array(z.object({ path: z.string(), certificates: z.number().int(), problems: z.array(z.string()) })),
  cdSigningCertificates: z.array(storedFileSchema.extend({ subject: z.string() })),
  jlinkLibraryPath: z.string().nullable(),
  labelTemplate: labelTemplateSchema,
  operators: z.array(operatorRowSchema),
});
export type StationSettings = z.infer<typeof stationSettingsSchema>;

const pinSchema = z.string().regex(/^[0-9]{4,12}$/);

export const settingsContract = feature({
  calls: {
    /** QA and engineer. */
    get: call(z.undefined(), stationSettingsSchema),
    /** Engineer, for each change below. */
    setStationId: call(z.object({ stationId: z.string().trim().min(1).max(16) }), stationSettingsSchema),
    addOperator: call(z.object({ name: z.string().trim().min(1).max(64), role: operatorRoleSchema, pin: pinSchema }), stationSettingsSchema),
    setOperatorActive: call(z.object({ id: z.number().int().positive(), active: z.boolean() }), stationSettingsSchema),
    setOperatorPin: call(z.object({ id: z.number().int().positive(), pin: pinSchema }), stationSettingsSchema),
    /** A PAA certificate (bytes) into the station's trust store folder. */
    addTrustedPaa: call(uploadSchema, stationSettingsSchema),
    addCdSigningCertificate: call(uploadSchema, stationSettingsSchema),
    /** The J-Link library file (checked: it exists and is a SEGGER J-Link library name); null for the default search. */
    setJlinkLibraryPath: call(z.object({ path: z.string().trim().min(1).max(1000).nullable() }), stationSettingsSchema),
    setLabelTemplate: call(labelTemplateSchema, stationSettingsSchema),
    /** Any signed-in role: the station's logs and versions, zipped. */
    exportLogs: call(z.undefined(), downloadSchema),
  },
  events: {},
});
