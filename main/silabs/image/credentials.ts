/**
 * The DAC, PAI, CD and DAC key as the image needs them: normalised to DER when building, summarised
 * (VID, PID, serial) when parsing. X.509 and CMS reading is main/matter's; this file only calls it,
 * and never lets an exception from it escape (a damaged image is a warning, not a crash).
 */
import { appError, failure, success, type Result } from '../../../preload/contract/errors';
import { decodeCertificationDeclaration } from '../../matter/cd';
import { derItemsFromFile, extractVidPid, looksLikePem, parseCertificate, parseCertificateDer, parsePrivateKey, serialHex } from '../../matter/certificates';
import type { CredentialName } from '../credentialsPage';
import type { FactoryData } from '../factoryData';
import type { CertificateSummary, ImageWarning } from './types';

const TITLES: Readonly<Record<CredentialName, string>> = { dac: 'DAC', pai: 'PAI', cd: 'CD' };
const CD_PEM_LABELS = ['CMS', 'PKCS7', 'CERTIFICATION DECLARATION'];

export interface CredentialFacts {
  readonly der: Uint8Array;
  readonly vendorId: number | null;
  /** Certificates: the subject's PID; the CD: its product id list. */
  readonly productIds: readonly number[];
  /** Certificates only: the public key point, to check the DAC key against. */
  readonly point: Uint8Array | null;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A DAC or PAI file (PEM or DER) → its DER and VID/PID; CREDS_CERTIFICATE_INVALID naming it otherwise. */
export function readCertificateFile(name: 'dac' | 'pai', bytes: Uint8Array): Result<CredentialFacts> {
  try {
    const parsed = parseCertificate(bytes);
    if (!parsed.ok) return failure('CREDS_CERTIFICATE_INVALID', `${TITLES[name]}: ${parsed.error.detail ?? parsed.error.message}`);
    const vidPid = extractVidPid(parsed.value.subject);
    if (!vidPid.ok) return failure('CREDS_CERTIFICATE_INVALID', `${TITLES[name]}: ${vidPid.error.detail ?? vidPid.error.message}`);
    return success({
      der: parsed.value.der,
      vendorId: vidPid.value.vendorId,
      productIds: vidPid.value.productId === null ? [] : [vidPid.value.productId],
      point: parsed.value.publicKey.point,
    });
  } catch (error) {
    return failure('CREDS_CERTIFICATE_INVALID', `${TITLES[name]}: ${message(error)}`);
  }
}

/** A CD file (DER, or PEM with one CMS block) → its DER, VID and product ids; CREDS_CD_INVALID otherwise. */
export function readCdFile(bytes: Uint8Array): Result<CredentialFacts> {
  try {
    let der = bytes;
    if (looksLikePem(bytes)) {
      const items = derItemsFromFile(bytes, CD_PEM_LABELS, 'Certification Declaration');
      if (!items.ok) return failure('CREDS_CD_INVALID', items.reason);
      if (items.value.length !== 1) return failure('CREDS_CD_INVALID', `the file holds ${items.value.length} blocks; give one declaration`);
      der = items.value[0]!;
    }
    const decoded = decodeCertificationDeclaration(der);
    if (!decoded.ok) return failure('CREDS_CD_INVALID', `${decoded.error.code}: ${decoded.error.detail ?? decoded.error.message}`);
    return success({ der: der.slice(), vendorId: decoded.value.content.vendorId, productIds: [...decoded.value.content.productIds], point: null });
  } catch (error) {
    return failure('CREDS_CD_INVALID', message(error));
  }
}

/** The DAC key (PEM or DER, SEC1 or PKCS#8) → SEC1 DER, the form the firmware imports; checked against the DAC. */
export function readDacKey(bytes: Uint8Array, dacPoint: Uint8Array | null): Result<Uint8Array> {
  try {
    const key = parsePrivateKey(bytes);
    if (!key.ok) return failure('CREDS_DAC_KEY_INVALID', key.error.detail ?? key.error.message);
    if (dacPoint !== null && !equalBytes(key.value.point, dacPoint)) {
      return failure('CREDS_DAC_KEY_MISMATCH', 'the public key of the DAC certificate is not the one of this private key');
    }
    return success(new Uint8Array(key.value.privateKey.export({ type: 'sec1', format: 'der' })));
  } catch (error) {
    return { ok: false, error: appError('CREDS_DAC_KEY_INVALID', message(error)) };
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function hex4(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Pitfall 7.3 of the fact sheet: VID/PID must match in PAI, DAC, CD and the factory data, or
 * commissioning fails with an attestation error. Each disagreement is one warning.
 */
export function vidPidWarnings(facts: Partial<Record<CredentialName, { vendorId: number | null; productIds: readonly number[] }>>, data: FactoryData): ImageWarning[] {
  const warnings: ImageWarning[] = [];
  const warn = (credential: CredentialName, text: string) => warnings.push({ code: 'vid-pid-mismatch', source: 'certificates', credential, message: text });
  for (const name of ['dac', 'pai'] as const) {
    const fact = facts[name];
    if (fact === undefined) continue;
    if (data.vendorId !== undefined && fact.vendorId !== null && fact.vendorId !== data.vendorId) {
      warn(name, `the ${TITLES[name]} says vendor ID ${hex4(fact.vendorId)}, the factory data ${hex4(data.vendorId)}`);
    }
    const pid = fact.productIds[0];
    if (data.productId !== undefined && pid !== undefined && pid !== data.productId) {
      warn(name, `the ${TITLES[name]} says product ID ${hex4(pid)}, the factory data ${hex4(data.productId)}`);
    }
  }
  const cd = facts.cd;
  if (cd !== undefined) {
    if (data.vendorId !== undefined && cd.vendorId !== null && cd.vendorId !== data.vendorId) {
      warn('cd', `the CD says vendor ID ${hex4(cd.vendorId)}, the factory data ${hex4(data.vendorId)}`);
    }
    if (data.productId !== undefined && !cd.productIds.includes(data.productId)) {
      warn('cd', `the CD's product IDs (${cd.productIds.map(hex4).join(', ')}) do not include the factory data's ${hex4(data.productId)}`);
    }
  }
  return warnings;
}

export interface Placement {
  readonly source: CertificateSummary['source'];
  readonly address: number | null;
  readonly offset: number | null;
  readonly size: number | null;
}

const ABSENT: Omit<CertificateSummary, 'source' | 'address' | 'offset' | 'size'> = {
  present: false,
  vendorId: null,
  productId: null,
  serial: null,
  subject: null,
  error: null,
};

/** What a certificate read from an image says; never throws. */
export function summarizeCertificate(name: 'dac' | 'pai', der: Uint8Array | null, placement: Placement): { summary: CertificateSummary; point: Uint8Array | null } {
  if (der === null) return { summary: { ...ABSENT, ...placement }, point: null };
  try {
    const parsed = parseCertificateDer(der);
    if (!parsed.ok) return { summary: { ...ABSENT, ...placement, present: true, error: `${TITLES[name]}: ${parsed.error.detail ?? parsed.error.message}` }, point: null };
    const vidPid = extractVidPid(parsed.value.subject);
    return {
      summary: {
        ...placement,
        present: true,
        vendorId: vidPid.ok ? vidPid.value.vendorId : null,
        productId: vidPid.ok ? vidPid.value.productId : null,
        serial: serialHex(parsed.value),
        subject: parsed.value.subject.text,
        error: vidPid.ok ? null : `${TITLES[name]}: ${vidPid.error.detail ?? vidPid.error.message}`,
      },
      point: parsed.value.publicKey.point,
    };
  } catch (error) {
    return { summary: { ...ABSENT, ...placement, present: true, error: `${TITLES[name]}: ${message(error)}` }, point: null };
  }
}

/** What a CD read from an image says; never throws. */
export function summarizeCd(der: Uint8Array | null, placement: Placement): CertificateSummary {
  if (der === null) return { ...ABSENT, ...placement };
  try {
    const decoded = decodeCertificationDeclaration(der);
    if (!decoded.ok) return { ...ABSENT, ...placement, present: true, error: `CD: ${decoded.error.code}: ${decoded.error.detail ?? decoded.error.message}` };
    const content = decoded.value.content;
    return {
      ...placement,
      present: true,
      vendorId: content.vendorId,
      productId: content.productIds.length === 1 ? content.productIds[0]! : null,
      productIds: [...content.productIds],
      certificateId: content.certificateId,
      serial: null,
      subject: null,
      error: null,
    };
  } catch (error) {
    return { ...ABSENT, ...placement, present: true, error: `CD: ${message(error)}` };
  }
}

/** The single page's DAC key against the DAC's public key; never throws. */
export function checkStoredDacKey(key: Uint8Array, dacPoint: Uint8Array | null): ImageWarning | null {
  try {
    const parsed = parsePrivateKey(key);
    if (!parsed.ok) return { code: 'dac-key-unreadable', source: 'single-page', message: `the stored DAC key: ${parsed.error.detail ?? parsed.error.message}` };
    if (dacPoint !== null && !equalBytes(parsed.value.point, dacPoint)) {
      return { code: 'dac-key-mismatch', source: 'single-page', message: 'the stored DAC key does not belong to the stored DAC' };
    }
    return null;
  } catch (error) {
    return { code: 'dac-key-unreadable', source: 'single-page', message: `the stored DAC key: ${message(error)}` };
  }
}
