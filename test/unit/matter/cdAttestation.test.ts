// Section 3.4 of the fact sheet, rule by rule (the SDK's ValidateCertificateDeclarationPayload).
import { describe, expect, it } from 'vitest';
import { checkCdAgainstAttestation, checkCdContent, type CdAttestationInput, type CdContent } from '../../../main/matter/cd';
import { errorCatalogue } from '../../../preload/contract/errors';

const paa = new Uint8Array(20).fill(0x6a);
const otherPaa = new Uint8Array(20).fill(0x0b);
const content: CdContent = {
  formatVersion: 1,
  vendorId: 0xfff1,
  productIds: [0x8000, 0x8001],
  deviceTypeId: 0x1234,
  certificateId: 'ZIG20141ZB330001-24',
  securityLevel: 0,
  securityInformation: 0,
  versionNumber: 0x9876,
  certificationType: 0,
};
const device: CdAttestationInput = { dacVendorId: 0xfff1, dacProductId: 0x8000, paiVendorId: 0xfff1, paiProductId: 0x8000, paaSubjectKeyId: paa };
const codes = (cd: Partial<CdContent>, input: Partial<CdAttestationInput> = {}) => checkCdAgainstAttestation({ ...content, ...cd }, { ...device, ...input }).map((entry) => entry.code);

describe('checkCdAgainstAttestation', () => {
  it('a matching device has no problems (VID+PID PAI, VID-only PAI, any listed PID)', () => {
    expect(codes({})).toEqual([]);
    expect(codes({}, { paiProductId: null })).toEqual([]);
    expect(codes({}, { dacProductId: 0x8001, paiProductId: 0x8001 })).toEqual([]);
    expect(codes({}, { basicInformationVendorId: 0xfff1, basicInformationProductId: 0x8001 })).toEqual([]);
  });

  it('rule 1: format_version 1 and a certification type below 3', () => {
    expect(codes({ formatVersion: 2 })).toEqual(['CD_FORMAT_VERSION']);
    expect(codes({ certificationType: 3 })).toEqual(['CD_CERTIFICATION_TYPE']);
    expect(codes({ certificationType: 2 })).toEqual([]);
  });

  it('rules 2 and 3: Basic Information VendorID = vendor_id, ProductID listed', () => {
    expect(codes({}, { basicInformationVendorId: 0xfff2 })).toEqual(['CD_VID_MISMATCH']);
    expect(codes({}, { basicInformationProductId: 0x8002 })).toEqual(['CD_PID_NOT_LISTED']);
  });

  it('rule 5 (no dac_origin): DAC and PAI VID = vendor_id, DAC and PAI PID listed', () => {
    expect(codes({}, { dacVendorId: 0xfff2 })).toEqual(['CD_VID_MISMATCH']);
    expect(codes({}, { paiVendorId: 0xfff2 })).toEqual(['CD_VID_MISMATCH']);
    expect(codes({}, { dacProductId: 0x8002 })).toEqual(['CD_PID_NOT_LISTED']);
    expect(codes({}, { paiProductId: 0x8002 })).toEqual(['CD_PID_NOT_LISTED']);
    expect(codes({ vendorId: 0x000e })).toEqual(['CD_VID_MISMATCH', 'CD_VID_MISMATCH']);
    expect(codes({ productIds: [] })).toEqual(['CD_PID_LIST_EMPTY', 'CD_PID_NOT_LISTED', 'CD_PID_NOT_LISTED']);
  });

  it('rule 4 (dac_origin present): DAC and PAI against the origin, not against vendor_id / product_id_array', () => {
    const origin = { dacOriginVendorId: 0xfff2, dacOriginProductId: 0x8001 };
    const oem = { dacVendorId: 0xfff2, dacProductId: 0x8001, paiVendorId: 0xfff2, paiProductId: 0x8001 };
    expect(codes({ ...origin, productIds: [0x8000] }, oem)).toEqual([]);
    expect(codes({ ...origin, productIds: [0x8000] }, { ...oem, paiProductId: null })).toEqual([]);
    expect(codes({ ...origin }, { ...oem, dacVendorId: 0xfff1 })).toEqual(['CD_DAC_ORIGIN_VID_MISMATCH']);
    expect(codes({ ...origin }, { ...oem, paiVendorId: 0xfff1 })).toEqual(['CD_DAC_ORIGIN_VID_MISMATCH']);
    expect(codes({ ...origin }, { ...oem, dacProductId: 0x8000 })).toEqual(['CD_DAC_ORIGIN_PID_MISMATCH']);
    expect(codes({ ...origin }, { ...oem, paiProductId: 0x8000 })).toEqual(['CD_DAC_ORIGIN_PID_MISMATCH']);
    // The device's own VID/PID (Basic Information) still has to match vendor_id / product_id_array.
    expect(codes({ ...origin, productIds: [0x8000] }, { ...oem, basicInformationVendorId: 0xfff1, basicInformationProductId: 0x8000 })).toEqual([]);
    expect(codes({ ...origin, productIds: [0x8000] }, { ...oem, basicInformationVendorId: 0xfff2, basicInformationProductId: 0x8001 })).toEqual(['CD_VID_MISMATCH', 'CD_PID_NOT_LISTED']);
  });

  it('rule 6: the PAA key id must be in authorized_paa_list when there is one', () => {
    expect(codes({ authorizedPaaList: [otherPaa, paa] })).toEqual([]);
    expect(codes({ authorizedPaaList: [otherPaa] })).toEqual(['CD_PAA_NOT_AUTHORIZED']);
    expect(codes({ authorizedPaaList: [] })).toEqual(['CD_PAA_NOT_AUTHORIZED']);
  });

  it('rule 7: security_level, security_information and version_number are not interpreted', () => {
    expect(codes({ securityLevel: 9, securityInformation: 9, versionNumber: 1 })).toEqual([]);
  });

  it('problems carry the catalogue sentence and the specifics', () => {
    const [found] = checkCdAgainstAttestation({ ...content, vendorId: 0x000e }, { ...device, paiVendorId: 0x000e });
    expect(found).toEqual({ code: 'CD_VID_MISMATCH', message: errorCatalogue.CD_VID_MISMATCH.message, detail: 'DAC vendor ID 0xFFF1 ≠ CD vendor_id 0x000E' });
  });

  it('checkCdContent flags a lone dac_origin field', () => {
    expect(checkCdContent({ ...content, dacOriginVendorId: 1 }).map((entry) => entry.code)).toEqual(['CD_PAYLOAD_MALFORMED']);
  });
});
