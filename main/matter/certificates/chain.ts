/**
 * PAA → PAI → DAC path checks and time, as the SDK does them (fact sheet 1.1, "Extra chain checks"):
 *
 * - each certificate names the next one as issuer (issuer Name = subject Name, byte for byte, and
 *   authorityKeyIdentifier = issuer's subjectKeyIdentifier) and is signed by its key;
 * - the chain is evaluated at the DAC's notBefore, so the PAI and PAA must have been valid when the
 *   DAC was issued (the SDK sets OpenSSL's verification time to the DAC's notBefore);
 * - separately, the DAC itself must be valid at `now` (the SDK's kDacExpired check).
 *
 * Profile rules (CA flags, key usage, lengths) are profile.ts's job; nothing is reported twice.
 */
import { problem, type AttestationProblem } from '../attestationProblem';
import { bytesEqual, readAuthorityKeyId, readSubjectKeyId, toHex } from './keyIdentifiers';
import type { ParsedCertificate } from './parseCertificate';
import { verifyCertificateSignature } from './signature';

export interface ChainInput {
  readonly dac: ParsedCertificate;
  readonly pai: ParsedCertificate;
  /** null when no PAA was found: the PAI→PAA link and the PAA's dates are then not judged. */
  readonly paa: ParsedCertificate | null;
  /** The verification time for the DAC's own validity. */
  readonly now: Date;
}

export function validateChain({ dac, pai, paa, now }: ChainInput): AttestationProblem[] {
  const problems: AttestationProblem[] = [];

  if (now.getTime() < dac.notBefore.getTime()) problems.push(problem('DAC_NOT_YET_VALID', `DAC notBefore ${iso(dac.notBefore)} is after ${iso(now)}`));
  else if (now.getTime() > dac.notAfter.getTime()) problems.push(problem('DAC_EXPIRED', `DAC notAfter ${iso(dac.notAfter)} is before ${iso(now)}`));

  problems.push(...link(dac, 'DAC', pai, 'PAI'));
  if (paa !== null) problems.push(...link(pai, 'PAI', paa, 'PAA'));

  const issuedAt = dac.notBefore;
  const issuers = paa === null ? ([[pai, 'PAI']] as const) : ([[pai, 'PAI'], [paa, 'PAA']] as const);
  for (const [certificate, role] of issuers) {
    if (issuedAt.getTime() < certificate.notBefore.getTime() || issuedAt.getTime() > certificate.notAfter.getTime()) {
      problems.push(problem('CHAIN_NOT_VALID_AT_ISSUANCE', `${role} is valid ${iso(certificate.notBefore)} to ${iso(certificate.notAfter)}, but the DAC was issued at ${iso(issuedAt)}`));
    }
  }
  return problems;
}

/** `child` must name `issuer` (Name and key identifier) and be signed by its key. */
export function link(child: ParsedCertificate, childRole: string, issuer: ParsedCertificate, issuerRole: string): AttestationProblem[] {
  const problems: AttestationProblem[] = [];
  if (!bytesEqual(child.issuer.der, issuer.subject.der)) {
    problems.push(problem('CHAIN_ISSUER_MISMATCH', `${childRole} issuer is "${child.issuer.text}" but the ${issuerRole} subject is "${issuer.subject.text}"`));
  }
  const authorityKeyId = readAuthorityKeyId(child);
  const subjectKeyId = readSubjectKeyId(issuer);
  if (authorityKeyId !== null && subjectKeyId !== null && !bytesEqual(authorityKeyId, subjectKeyId)) {
    problems.push(problem('CHAIN_ISSUER_MISMATCH', `${childRole} authorityKeyIdentifier ${toHex(authorityKeyId)} is not the ${issuerRole} subjectKeyIdentifier ${toHex(subjectKeyId)}`));
  }
  const signature = verifyCertificateSignature(child, issuer.publicKey);
  if (!signature.valid) problems.push(problem('CHAIN_SIGNATURE_INVALID', `${childRole} under the ${issuerRole} key: ${signature.reason}`));
  return problems;
}

function iso(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
