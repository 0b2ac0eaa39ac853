/** Device attestation verification: profile, chain, time and Certification Declaration together. */
export { verifyAttestation } from './verifyAttestation';
export type { AttestationInput, AttestationVerdict } from './verifyAttestation';
