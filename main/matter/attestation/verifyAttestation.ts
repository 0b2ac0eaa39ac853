/**
 * Device attestation, end to end, as far as an offline station can judge it: DAC + PAI (+ CD)
 * against a PAA given directly or found in a trust store. The order follows the SDK's
 * DefaultDACVerifier::VerifyAttestationInformation (fact sheet 1.3), minus the steps that need a
 * live device (attestation signature over a challenge, nonce):
 *
 *   1. PAI and DAC profile (PAI first, as the SDK), with VID/PID presence rules;
 *   2. VID/PID relations DAC↔PAI;
 *   3. PAA: the one given, or the trust store's by the PAI's authorityKeyIdentifier; its VID/PID rules;
 *   4. DAC valid at `now`;
 *   5. chain PAA→PAI→DAC (names, key identifiers, signatures) at the DAC's notBefore;
 *   6. with a CD: its CMS and signature against `cdSigners` (the CD engineer's
 *      verifyCertificationDeclaration), then its VID/PID rules against DAC/PAI/PAA and, when given,
 *      the device's Basic Information VID/PID (checkCdAgainstAttestation).
 *
 * Every rule is evaluated and reported, not just the first broken one, so QA sees the whole picture;
 * `valid` is true only when there is no problem at all.
 */
import { checkCdAgainstAttestation, verifyCertificationDeclaration, type VerifyCdOptions } from '../cd';
import { problem, type AttestationProblem } from '../attestationProblem';
import { validateChain } from '../certificates/chain';
import { readAuthorityKeyId, toHex } from '../certificates/keyIdentifiers';
import { parseCertificate, type ParsedCertificate } from '../certificates/parseCertificate';
import { derItemsFromFile } from '../certificates/pem';
import { checkCertificateProfile } from '../certificates/profile';
import type { TrustStore } from '../certificates/trustStore';
import type { VidPid } from '../certificates/vidPid';
import { checkVidPidRelations } from '../certificates/vidPidRules';

interface CommonInput {
  /** DAC and PAI, PEM or DER. */
  readonly dac: Uint8Array;
  readonly pai: Uint8Array;
  /** Certification Declaration (DER CMS), optional. */
  readonly cd?: Uint8Array;
  /** CD signing certificates (PEM or DER); the CD's KID picks one. No built-in list yet. */
  readonly cdSigners?: readonly Uint8Array[];
  readonly cdOptions?: VerifyCdOptions;
  /**
   * The VendorID/ProductID the device's Basic Information cluster reports (its factory data), when
   * known: the CD must name that vendor and list that product (fact sheet 3.4 rules 2 and 3).
   */
  readonly basicInformation?: { readonly vendorId: number; readonly productId: number };
  /** Verification time for the DAC's validity (the station clock, or a chosen instant). */
  readonly now: Date;
}

export type AttestationInput = CommonInput & ({ readonly paa: Uint8Array; readonly trustStore?: undefined } | { readonly trustStore: TrustStore; readonly paa?: undefined });

export interface AttestationVerdict {
  readonly valid: boolean;
  /** The DAC's VID/PID when readable, else null. */
  readonly vendorId: number | null;
  readonly productId: number | null;
  readonly problems: readonly AttestationProblem[];
}

export async function verifyAttestation(input: AttestationInput): Promise<AttestationVerdict> {
  const problems: AttestationProblem[] = [];
  const pai = readCertificate(input.pai, 'PAI', problems);
  const dac = readCertificate(input.dac, 'DAC', problems);
  if (pai === null || dac === null) return verdict(null, problems);

  // 1–2: profiles and VID/PID relations between DAC and PAI.
  const paiReport = checkCertificateProfile(pai, 'PAI');
  const dacReport = checkCertificateProfile(dac, 'DAC');
  problems.push(...paiReport.problems, ...dacReport.problems, ...checkVidPidRelations(dacReport.vidPid, paiReport.vidPid));

  // 3: the PAA.
  let paa: ParsedCertificate | null = null;
  let paaVidPid: VidPid | undefined;
  let paaKeyId: Uint8Array | null = null;
  if (input.paa !== undefined) {
    paa = readCertificate(input.paa, 'PAA', problems);
    if (paa !== null) {
      const paaReport = checkCertificateProfile(paa, 'PAA');
      problems.push(...paaReport.problems);
      paaVidPid = paaReport.vidPid;
      paaKeyId = paaReport.subjectKeyId;
    }
  } else {
    const issuerKeyId = readAuthorityKeyId(pai);
    // The SDK looks the PAA up by the PAI's AKID only; without one (already a profile problem) the
    // issuer name still lets the rest of the chain be checked and reported.
    const found = issuerKeyId !== null ? input.trustStore.findBySubjectKeyId(issuerKeyId) : input.trustStore.findBySubject(pai.issuer.der);
    if (found === undefined) {
      const wanted = issuerKeyId !== null ? `key identifier ${toHex(issuerKeyId)}` : `subject "${pai.issuer.text}"`;
      problems.push(problem('PAA_NOT_FOUND', `the PAI names ${wanted}; the trust store holds ${input.trustStore.size} PAA${input.trustStore.size === 1 ? '' : 's'}`));
    } else {
      paa = found.certificate;
      paaVidPid = found.vidPid;
      paaKeyId = found.subjectKeyId;
    }
  }
  if (paaVidPid !== undefined) problems.push(...checkVidPidRelations(dacReport.vidPid, paiReport.vidPid, paaVidPid).filter((item) => item.code === 'PAA_VID_MISMATCH'));

  // 4–5: time and chain (without a PAA, the DAC←PAI part only).
  problems.push(...validateChain({ dac, pai, paa, now: input.now }));

  // 6: the Certification Declaration.
  if (input.cd !== undefined) {
    const signers: Uint8Array[] = [];
    for (const [index, bytes] of (input.cdSigners ?? []).entries()) {
      const items = derItemsFromFile(bytes, ['CERTIFICATE'], 'certificate');
      if (items.ok) signers.push(...items.value);
      else problems.push(problem('CERT_MALFORMED', `CD signing certificate ${index + 1}: ${items.reason}`));
    }
    const cd = await verifyCertificationDeclaration(input.cd, signers, input.cdOptions);
    if (!cd.ok) problems.push(problem(cd.error.code, cd.error.detail));
    else {
      problems.push(...cd.value.problems);
      const { vendorId: dacVendorId, productId: dacProductId } = dacReport.vidPid;
      const { vendorId: paiVendorId, productId: paiProductId } = paiReport.vidPid;
      // Without the VIDs/PIDs (already reported) the CD cannot be matched against the device.
      if (dacVendorId !== null && dacProductId !== null && paiVendorId !== null) {
        const paaSubjectKeyId = paaKeyId ?? readAuthorityKeyId(pai) ?? new Uint8Array(0);
        problems.push(
          ...checkCdAgainstAttestation(cd.value.content, {
            dacVendorId,
            dacProductId,
            paiVendorId,
            paiProductId,
            paaSubjectKeyId,
            basicInformationVendorId: input.basicInformation?.vendorId,
            basicInformationProductId: input.basicInformation?.productId,
          }),
        );
      }
    }
  }
  return verdict(dacReport.vidPid, problems);
}

function readCertificate(bytes: Uint8Array, role: string, problems: AttestationProblem[]): ParsedCertificate | null {
  const parsed = parseCertificate(bytes);
  if (parsed.ok) return parsed.value;
  problems.push(problem(parsed.error.code, `${role}: ${parsed.error.detail ?? parsed.error.message}`));
  return null;
}

function verdict(vidPid: VidPid | null, problems: AttestationProblem[]): AttestationVerdict {
  return { valid: problems.length === 0, vendorId: vidPid?.vendorId ?? null, productId: vidPid?.productId ?? null, problems };
}
