/**
 * The product configuration file (docs/product-configuration.md): everything PRODUCT.md's Workflow
 * step 1 names, as versioned JSON. This schema checks shape and ranges only; the rules that need the
 * referenced files (VID/PID across PAI, CD and fields; DCL; part catalogue) live in validate.ts.
 * File references are paths relative to the configuration file's folder.
 */
import { z } from 'zod';

export const CONFIG_FORMAT = 'matterline.product-config';
export const CONFIG_VERSION = 1;

/** One message for every way a whole number in a range can be wrong (load.ts turns it into a sentence). */
function wholeNumber(min: number, max: number) {
  const error = `expected a whole number ${min}–${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}
const u16 = wholeNumber(0, 0xffff);
/** 32 characters here; the 32-byte UTF-8 limit of the device is a rule in validate.ts. */
const text32 = z.string().max(32, { error: 'expected at most 32 characters' });
const fileRef = z.string().min(1, { error: 'expected a file path' });
/** Where a raw binary (.bin) image's first byte belongs; default the part's flash base. Ignored for .hex/.s37. */
const baseAddress = wholeNumber(0, 0xffff_ffff).optional();

export const discriminatorPolicySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('random') }).strict(),
  z.object({ mode: z.literal('fixed'), value: wholeNumber(0, 0xfff) }).strict(),
]);

export const productConfigSchema = z
  .object({
    format: z.literal(CONFIG_FORMAT),
    version: z.literal(CONFIG_VERSION),
    name: z.string().trim().min(1).max(64),
    /** Orderable part number, e.g. EFR32MG24B210F1536IM48. */
    part: z.string().min(1),
    /** 'nvm3': NVM3 + credentials page (matter_provision_default); 'single-page': matter_provision_flash. */
    storage: z.enum(['nvm3', 'single-page']),
    /** 'on-chip': the agent makes the key and a CSR; 'host': the station generates the key. */
    keyMode: z.enum(['on-chip', 'host']),
    /** Where the provisioning agent comes from: the board's firmware already runs it, or an image flashed first. */
    agent: z.discriminatedUnion('source', [
      z.object({ source: z.literal('none') }).strict(),
      z.object({ source: z.literal('firmware') }).strict(),
      z.object({ source: z.literal('image'), file: fileRef, baseAddress }).strict(),
    ]),
    /** Flashed after provisioning and verification; null to leave the board's firmware as it is. */
    productionFirmware: z.object({ file: fileRef, baseAddress }).strict().nullable(),
    matter: z
      .object({
        vendorId: u16,
        productId: u16,
        vendorName: text32,
        productName: text32,
        productLabel: text32.optional(),
        productUrl: text32.optional(),
        partNumber: text32.optional(),
        hardwareVersion: u16,
        hardwareVersionString: text32,
        /** 0 standard, 1 user action, 2 custom. */
        commissioningFlow: z.union([z.literal(0), z.literal(1), z.literal(2)], { error: 'expected 0 (standard), 1 (user action) or 2 (custom)' }),
        /** Bit mask: 0x01 SoftAP, 0x02 BLE, 0x04 on network. */
        discoveryCapabilities: wholeNumber(1, 0x07),
      })
      .strict(),
    commissioning: z
      .object({
        discriminator: discriminatorPolicySchema,
        spake2pIterations: wholeNumber(1000, 100_000),
        saltLength: wholeNumber(16, 32),
        /** Tokens: {station} the station id, {lot} the lot id, {seq} or {seq:N} a zero-padded counter, {yyyy}{mm}{dd}. */
        serialNumberPattern: z.string().min(1).max(64),
      })
      .strict(),
    attestation: z
      .object({
        dcl: z.enum(['test', 'production']),
        paiCertificate: fileRef,
        /** The PAI's private key: a PEM/DER file (PKCS#8 or SEC1). HSM signers come with the keys layer. */
        paiKey: z.object({ source: z.literal('file'), file: fileRef }).strict(),
        /** PAA certificates (files or folders) the DACs must chain to. */
        trustStore: z.array(fileRef).min(1),
        certificationDeclaration: fileRef,
        /** Certificates whose keys may sign the CD (the CSA's, or a development signer). */
        cdSigningCertificates: z.array(fileRef).default([]),
        /** DAC validity: Matter's "no well-defined expiration" or a number of days. */
        dacValidity: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('no-expiry') }).strict(),
          z.object({ kind: z.literal('days'), days: wholeNumber(1, 36_500) }).strict(),
        ]),
      })
      .strict(),
    security: z
      .object({
        debugLock: z.enum(['none', 'standard', 'permanent', 'secure']),
        /** Set when an engineer accepted a host-generated key on a Secure Vault part (the key existed outside the chip). */
        acknowledgeHostKeyOnSecureVault: z.boolean().default(false),
      })
      .strict(),
    label: z
      .object({
        template: z.enum(['qr-manual-serial']),
        format: z.enum(['png', 'zpl']).default('png'),
      })
      .strict(),
  })
  .strict();

export type ProductConfig = z.infer<typeof productConfigSchema>;
export type ProductConfigInput = z.input<typeof productConfigSchema>;
