/**
 * A Certification Declaration against the device it ships with: the VID/PID rules between CD, DAC,
 * PAI, PAA and Basic Information (fact sheet §3.4; the Matter SDK's
 * DefaultDACVerifier::ValidateCertificateDeclarationPayload).
 */
import { problem, type AttestationProblem } from '../attestationProblem';
import { equalBytes, hex16, toHex } from './bytes';
import { certificationTypeName, type CdContent } from './content';

export interface CdAttestationInput {
  readonly dacVendorId: number;
  readonly dacProductId: number;
  readonly paiVendorId: number;
  /** null for a VID-scoped PAI (no PID in its subject). */
  readonly paiProductId: number | null;
  /** Subject key identifier of the PAA the chain ends at (20 bytes). */
  readonly paaSubjectKeyId: Uint8Array;
  /** The VendorID the device's Basic Information cluster reports, when known (rule 2). */
  readonly basicInformationVendorId?: number;
  /** The ProductID the device's Basic Information cluster reports, when known (rule 3). */
  readonly basicInformationProductId?: number;
}

/**
 * What the payload must say whatever the device (rule 1): format_version 1, a certification type
 * that is not reserved; and a non-empty product id list, which the SDK's encoder requires.
 */
export function checkCdContent(content: CdContent): AttestationProblem[] {
  const problems: AttestationProblem[] = [];
  if (content.formatVersion !== 1) problems.push(problem('CD_FORMAT_VERSION', `format_version is ${content.formatVersion}`));
  if (content.certificationType >= 3) problems.push(problem('CD_CERTIFICATION_TYPE', `certification_type is ${content.certificationType} (${certificationTypeName(content.certificationType)})`));
  if (content.productIds.length === 0) problems.push(problem('CD_PID_LIST_EMPTY', 'product_id_array has no entries'));
  if ((content.dacOriginVendorId === undefined) !== (content.dacOriginProductId === undefined)) {
    problems.push(problem('CD_PAYLOAD_MALFORMED', 'dac_origin_vendor_id and dac_origin_product_id must be present together'));
  }
  return problems;
}

/**
 * Section 3.4, rule by rule:
 * 1. format_version == 1, certification_type < 3 (checkCdContent);
 * 2. vendor_id == Basic Information VendorID (when given);
 * 3. Basic Information ProductID ∈ product_id_array (when given);
 * 4. with dac_origin_vendor_id/product_id: DAC VID and PAI VID == origin VID, DAC PID == origin PID,
 *    PAI PID (if the PAI has one) == origin PID;
 * 5. otherwise: DAC VID and PAI VID == vendor_id, DAC PID ∈ product_id_array, PAI PID (if any) ∈ it;
 * 6. with authorized_paa_list: the PAA's subject key identifier is in it.
 * security_level, security_information and version_number are not interpreted (rule 7).
 */
export function checkCdAgainstAttestation(content: CdContent, input: CdAttestationInput): AttestationProblem[] {
  const problems = checkCdContent(content);
  const listed = (pid: number) => content.productIds.includes(pid);
  const pidList = content.productIds.length <= 5 ? `[${content.productIds.map(hex16).join(', ')}]` : `its ${content.productIds.length} product ids`;

  if (input.basicInformationVendorId !== undefined && input.basicInformationVendorId !== content.vendorId) {
    problems.push(problem('CD_VID_MISMATCH', `Basic Information vendor ID ${hex16(input.basicInformationVendorId)} ≠ CD vendor_id ${hex16(content.vendorId)}`));
  }
  if (input.basicInformationProductId !== undefined && !listed(input.basicInformationProductId)) {
    problems.push(problem('CD_PID_NOT_LISTED', `Basic Information product ID ${hex16(input.basicInformationProductId)} is not in the CD's product_id_array ${pidList}`));
  }

  if (content.dacOriginVendorId !== undefined && content.dacOriginProductId !== undefined) {
    const originVid = content.dacOriginVendorId;
    const originPid = content.dacOriginProductId;
    if (input.dacVendorId !== originVid) problems.push(problem('CD_DAC_ORIGIN_VID_MISMATCH', `DAC vendor ID ${hex16(input.dacVendorId)} ≠ dac_origin_vendor_id ${hex16(originVid)}`));
    if (input.paiVendorId !== originVid) problems.push(problem('CD_DAC_ORIGIN_VID_MISMATCH', `PAI vendor ID ${hex16(input.paiVendorId)} ≠ dac_origin_vendor_id ${hex16(originVid)}`));
    if (input.dacProductId !== originPid) problems.push(problem('CD_DAC_ORIGIN_PID_MISMATCH', `DAC product ID ${hex16(input.dacProductId)} ≠ dac_origin_product_id ${hex16(originPid)}`));
    if (input.paiProductId !== null && input.paiProductId !== originPid) problems.push(problem('CD_DAC_ORIGIN_PID_MISMATCH', `PAI product ID ${hex16(input.paiProductId)} ≠ dac_origin_product_id ${hex16(originPid)}`));
  } else {
    if (input.dacVendorId !== content.vendorId) problems.push(problem('CD_VID_MISMATCH', `DAC vendor ID ${hex16(input.dacVendorId)} ≠ CD vendor_id ${hex16(content.vendorId)}`));
    if (input.paiVendorId !== content.vendorId) problems.push(problem('CD_VID_MISMATCH', `PAI vendor ID ${hex16(input.paiVendorId)} ≠ CD vendor_id ${hex16(content.vendorId)}`));
    if (!listed(input.dacProductId)) problems.push(problem('CD_PID_NOT_LISTED', `DAC product ID ${hex16(input.dacProductId)} is not in the CD's product_id_array ${pidList}`));
    if (input.paiProductId !== null && !listed(input.paiProductId)) problems.push(problem('CD_PID_NOT_LISTED', `PAI product ID ${hex16(input.paiProductId)} is not in the CD's product_id_array ${pidList}`));
  }

  if (content.authorizedPaaList !== undefined && !content.authorizedPaaList.some((kid) => equalBytes(kid, input.paaSubjectKeyId))) {
    problems.push(problem('CD_PAA_NOT_AUTHORIZED', `PAA key id ${toHex(input.paaSubjectKeyId)} is not among the ${content.authorizedPaaList.length} authorized: ${content.authorizedPaaList.map(toHex).join(', ') || 'none'}`));
  }
  return problems;
}
