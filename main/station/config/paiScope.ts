/**
 * A PAI fixes who its DACs belong to: a VID-scoped PAI fixes the vendor ID, a VID+PID-scoped PAI
 * fixes both (Matter core §6.2.2; CPMS fills them from the chosen PAI the same way). The editor calls
 * applyPaiScope when a PAI is chosen, fills the fields and shows them locked; validate.ts refuses a
 * configuration whose fields disagree with its PAI.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { checkCertificateProfile, parseCertificate } from '../../matter/certificates';

export type LockedField = 'matter.vendorId' | 'matter.productId';

export interface PaiScope {
  readonly vendorId: number;
  /** null for a VID-scoped PAI: any product of the vendor. */
  readonly productId: number | null;
}

/** The VID (and PID) the PAI's subject carries; a PAI without a readable VID cannot issue Matter DACs. */
export function readPaiScope(paiCertificate: Uint8Array): Result<PaiScope> {
  const parsed = parseCertificate(paiCertificate);
  if (!parsed.ok) return failure('CONFIG_PAI_INVALID', `attestation.paiCertificate: ${parsed.error.detail ?? parsed.error.message}`);
  const { vidPid } = checkCertificateProfile(parsed.value, 'PAI');
  if (vidPid.vendorId === null) return failure('CONFIG_PAI_INVALID', 'attestation.paiCertificate: its subject carries no vendor ID, which every PAI must');
  return success({ vendorId: vidPid.vendorId, productId: vidPid.productId });
}

interface HasMatterIds {
  readonly matter: { readonly vendorId: number; readonly productId: number };
}

export interface ScopedConfig<T> {
  readonly config: T;
  readonly scope: PaiScope;
  /** Fields the PAI decides; an editor shows them read-only. */
  readonly lockedFields: readonly LockedField[];
}

/** Returns `config` with matter.vendorId (and productId for a PID-scoped PAI) taken from the PAI. */
export function applyPaiScope<T extends HasMatterIds>(config: T, paiCertificate: Uint8Array): Result<ScopedConfig<T>> {
  const scope = readPaiScope(paiCertificate);
  if (!scope.ok) return scope;
  const { vendorId, productId } = scope.value;
  const matter = { ...config.matter, vendorId, ...(productId === null ? {} : { productId }) };
  const lockedFields: LockedField[] = productId === null ? ['matter.vendorId'] : ['matter.vendorId', 'matter.productId'];
  return success({ config: { ...config, matter }, scope: scope.value, lockedFields });
}
