/**
 * VID/PID relations between the three certificates (fact sheet 1.3; the SDK's
 * DefaultDACVerifier::VerifyAttestationInformation): PAI VID = DAC VID (kDacVendorIdMismatch), PAI
 * PID if present = DAC PID (kDacProductIdMismatch), PAA VID if present = PAI VID
 * (kPaiVendorIdMismatch). Presence rules (DAC VID/PID mandatory, PAI VID mandatory, PAA without PID)
 * are per certificate and live in profile.ts; a missing value is reported there, not again here.
 */
import { problem, type AttestationProblem } from '../attestationProblem';
import { formatUpperHex4, type VidPid } from './vidPid';

export function checkVidPidRelations(dac: VidPid, pai: VidPid, paa?: VidPid): AttestationProblem[] {
  const problems: AttestationProblem[] = [];
  if (dac.vendorId !== null && pai.vendorId !== null && dac.vendorId !== pai.vendorId) {
    problems.push(problem('DAC_VID_MISMATCH', `DAC VID ${formatUpperHex4(dac.vendorId)}, PAI VID ${formatUpperHex4(pai.vendorId)}`));
  }
  if (dac.productId !== null && pai.productId !== null && dac.productId !== pai.productId) {
    problems.push(problem('DAC_PID_MISMATCH', `DAC PID ${formatUpperHex4(dac.productId)}, PAI PID ${formatUpperHex4(pai.productId)}`));
  }
  if (paa !== undefined && paa.vendorId !== null && pai.vendorId !== null && paa.vendorId !== pai.vendorId) {
    problems.push(problem('PAA_VID_MISMATCH', `PAA VID ${formatUpperHex4(paa.vendorId)}, PAI VID ${formatUpperHex4(pai.vendorId)}`));
  }
  return problems;
}
