/**
 * The PAAs the station trusts, built from certificate bytes (the folder reading lives in
 * main/services/trustStoreFolders.ts). A verifier finds a PAI's root by the PAI's
 * authorityKeyIdentifier, as the SDK does (kPaaNotFound otherwise).
 *
 * A certificate is accepted only if it is a self-signed root that meets the PAA profile; anything
 * else is kept out with a reason, so a folder with a stray PAI, key or README still loads and the
 * user can see what was skipped and why.
 */
import type { AttestationProblem } from '../attestationProblem';
import { bytesEqual, toHex } from './keyIdentifiers';
import { parseCertificates, type ParsedCertificate } from './parseCertificate';
import { checkCertificateProfile } from './profile';
import { verifyCertificateSignature } from './signature';
import type { VidPid } from './vidPid';

export interface TrustSource {
  /** Shown in reasons: a file name, or "#3" for the third byte array. */
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface TrustedPaa {
  readonly certificate: ParsedCertificate;
  readonly subjectKeyId: Uint8Array;
  readonly vidPid: VidPid;
  readonly source: string;
}

export interface RejectedTrustSource {
  readonly source: string;
  readonly reason: string;
}

export class TrustStore {
  private constructor(
    readonly paas: readonly TrustedPaa[],
    readonly rejected: readonly RejectedTrustSource[],
  ) {}

  static fromCertificates(items: ReadonlyArray<Uint8Array | TrustSource>): TrustStore {
    const accepted: TrustedPaa[] = [];
    const rejected: RejectedTrustSource[] = [];
    items.forEach((item, index) => {
      const source = item instanceof Uint8Array ? { name: `#${index + 1}`, bytes: item } : item;
      const parsed = parseCertificates(source.bytes);
      if (!parsed.ok) {
        rejected.push({ source: source.name, reason: parsed.error.detail ?? parsed.error.message });
        return;
      }
      parsed.value.forEach((certificate, position) => {
        const name = parsed.value.length === 1 ? source.name : `${source.name} (certificate ${position + 1})`;
        const verdict = assessPaa(certificate);
        if (!verdict.ok) {
          rejected.push({ source: name, reason: verdict.reason });
          return;
        }
        const existing = accepted.find((paa) => bytesEqual(paa.subjectKeyId, verdict.subjectKeyId));
        if (existing !== undefined) {
          rejected.push({
            source: name,
            reason: bytesEqual(existing.certificate.der, certificate.der)
              ? `the same certificate was already loaded from ${existing.source}`
              : `another PAA with key identifier ${toHex(verdict.subjectKeyId)} was already loaded from ${existing.source}`,
          });
          return;
        }
        accepted.push({ certificate, subjectKeyId: verdict.subjectKeyId, vidPid: verdict.vidPid, source: name });
      });
    });
    return new TrustStore(accepted, rejected);
  }

  get size(): number {
    return this.paas.length;
  }

  findBySubjectKeyId(keyId: Uint8Array): TrustedPaa | undefined {
    return this.paas.find((paa) => bytesEqual(paa.subjectKeyId, keyId));
  }

  findBySubject(subjectDer: Uint8Array): TrustedPaa | undefined {
    return this.paas.find((paa) => bytesEqual(paa.certificate.subject.der, subjectDer));
  }
}

type Assessment = { ok: true; subjectKeyId: Uint8Array; vidPid: VidPid } | { ok: false; reason: string };

function assessPaa(certificate: ParsedCertificate): Assessment {
  // Self-signed first: a PAI or DAC dropped into the folder is told apart from a broken root.
  if (!bytesEqual(certificate.issuer.der, certificate.subject.der)) {
    return { ok: false, reason: `not self-signed: issued by "${certificate.issuer.text}" (only roots are trust anchors; a PAI or DAC does not belong here)` };
  }
  const profile = checkCertificateProfile(certificate, 'PAA');
  if (profile.problems.length > 0) return { ok: false, reason: `not a valid PAA: ${describe(profile.problems)}` };
  if (profile.subjectKeyId === null) return { ok: false, reason: 'no usable subjectKeyIdentifier' };
  if (profile.authorityKeyId !== null && !bytesEqual(profile.authorityKeyId, profile.subjectKeyId)) {
    return { ok: false, reason: 'not self-signed: its authorityKeyIdentifier differs from its subjectKeyIdentifier' };
  }
  const signature = verifyCertificateSignature(certificate, certificate.publicKey);
  if (!signature.valid) return { ok: false, reason: `its self-signature does not verify: ${signature.reason}` };
  return { ok: true, subjectKeyId: profile.subjectKeyId, vidPid: profile.vidPid };
}

function describe(problems: readonly AttestationProblem[]): string {
  return problems.map((item) => (item.detail ?? item.message).replace(/^PAA: /, '')).join('; ');
}
