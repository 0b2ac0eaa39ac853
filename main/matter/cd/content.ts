/**
 * The Certification Declaration payload: a TLV anonymous structure with context tags 0–11 in a fixed
 * order (fact sheet §3.2; the Matter SDK's EncodeCertificationElements / DecodeCertificationElements
 * in src/credentials/CertificationDeclaration.cpp).
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { anonymousTag, contextTag, decodeTlv, describeTag, describeType, encodeTlv, type TlvElement } from '../tlv';

/** What a Certification Declaration says. Optional fields are absent when the CD does not carry them. */
export interface CdContent {
  readonly formatVersion: number;
  readonly vendorId: number;
  readonly productIds: readonly number[];
  readonly deviceTypeId: number;
  readonly certificateId: string;
  readonly securityLevel: number;
  readonly securityInformation: number;
  readonly versionNumber: number;
  /** 0 development and test, 1 provisional, 2 official; 3 and above are reserved. */
  readonly certificationType: number;
  readonly dacOriginVendorId?: number;
  readonly dacOriginProductId?: number;
  /** Subject key identifiers (20 bytes each) of the PAAs allowed to root the device's chain. */
  readonly authorizedPaaList?: readonly Uint8Array[];
}

/** The SDK's kMaxCMSSignedCDMessage: 183 bytes of CMS around the largest payload (below). */
export const CD_MAX_SIZE = 790;
/** The SDK's kCertificationElements_TLVEncodedMaxLength (TLV::EstimateStructOverhead of the fields). */
export const CD_PAYLOAD_MAX_SIZE = 607;
export const CD_MAX_PRODUCT_IDS = 100;
export const CD_MAX_AUTHORIZED_PAAS = 10;
export const CD_CERTIFICATE_ID_LENGTH = 19;
export const CD_KEY_ID_LENGTH = 20;

export const CertificationType = { developmentAndTest: 0, provisional: 1, official: 2 } as const;

export function certificationTypeName(type: number): string {
  return type === 0 ? 'development and test' : type === 1 ? 'provisional' : type === 2 ? 'official' : 'reserved';
}

const Tag = {
  formatVersion: 0,
  vendorId: 1,
  productIdArray: 2,
  deviceTypeId: 3,
  certificateId: 4,
  securityLevel: 5,
  securityInformation: 6,
  versionNumber: 7,
  certificationType: 8,
  dacOriginVendorId: 9,
  dacOriginProductId: 10,
  authorizedPaaList: 11,
} as const;

const UINT8 = 0xff;
const UINT16 = 0xffff;
const UINT32 = 0xffffffff;

class PayloadError {
  constructor(readonly what: string) {}
}

export interface DecodedCdPayload {
  readonly content: CdContent;
  /** Elements after the known fields (future tags), ignored as the SDK ignores them. */
  readonly ignoredElements: number;
}

/**
 * Decodes the TLV payload. Strict like the SDK's decoder: every mandatory field in order, unsigned
 * integers within their C type, certificate_id of exactly 19 characters, at most 100 product ids,
 * dac_origin_product_id only right after dac_origin_vendor_id, PAA key ids of exactly 20 bytes (at most
 * 10). Stricter than the SDK in one way: a known tag (0–11) appearing again after its place is refused
 * instead of silently ignored.
 */
export function decodeCdPayload(payload: Uint8Array): Result<DecodedCdPayload> {
  if (payload.length > CD_PAYLOAD_MAX_SIZE) return failure('CD_PAYLOAD_MALFORMED', `payload of ${payload.length} bytes is larger than the ${CD_PAYLOAD_MAX_SIZE}-byte maximum`);
  const tlv = decodeTlv(payload);
  if (!tlv.ok) return failure('CD_PAYLOAD_MALFORMED', `TLV ${tlv.error.detail ?? 'malformed'}`);
  const root = tlv.value;
  if (root.type !== 'structure' || root.tag.kind !== 'anonymous') return failure('CD_PAYLOAD_MALFORMED', `the payload is ${describeType(root.type)} with ${describeTag(root.tag)}, not an anonymous structure`);
  const members = root.value;
  let index = 0;
  const peek = (): TlvElement | undefined => members[index];
  const isTag = (element: TlvElement | undefined, tagNumber: number) => element !== undefined && element.tag.kind === 'context' && element.tag.tagNumber === tagNumber;

  const take = (tagNumber: number, name: string): TlvElement => {
    const element = peek();
    if (!isTag(element, tagNumber)) {
      throw new PayloadError(element === undefined ? `${name} (tag ${tagNumber}) is missing` : `${name} (tag ${tagNumber}) is missing: found ${describeTag(element.tag)} in its place`);
    }
    index++;
    return element as TlvElement;
  };
  const unsigned = (element: TlvElement, name: string, max: number): number => {
    if (element.type !== 'unsigned') throw new PayloadError(`${name} is ${describeType(element.type)}, not an unsigned integer`);
    if (typeof element.value !== 'number' || element.value > max) throw new PayloadError(`${name} ${element.value} is larger than ${max}`);
    return element.value;
  };

  try {
    const formatVersion = unsigned(take(Tag.formatVersion, 'format_version'), 'format_version', UINT16);
    const vendorId = unsigned(take(Tag.vendorId, 'vendor_id'), 'vendor_id', UINT16);
    const pidArray = take(Tag.productIdArray, 'product_id_array');
    if (pidArray.type !== 'array') throw new PayloadError(`product_id_array is ${describeType(pidArray.type)}, not an array`);
    if (pidArray.value.length > CD_MAX_PRODUCT_IDS) throw new PayloadError(`product_id_array has ${pidArray.value.length} entries; at most ${CD_MAX_PRODUCT_IDS} are allowed`);
    const productIds = pidArray.value.map((entry, i) => unsigned(entry, `product_id_array[${i}]`, UINT16));
    const deviceTypeId = unsigned(take(Tag.deviceTypeId, 'device_type_id'), 'device_type_id', UINT32);
    const certificateIdElement = take(Tag.certificateId, 'certificate_id');
    if (certificateIdElement.type !== 'utf8') throw new PayloadError(`certificate_id is ${describeType(certificateIdElement.type)}, not a UTF-8 string`);
    const certificateId = certificateIdElement.value;
    const certificateIdProblem = checkCertificateId(certificateId);
    if (certificateIdProblem !== null) throw new PayloadError(certificateIdProblem);
    const securityLevel = unsigned(take(Tag.securityLevel, 'security_level'), 'security_level', UINT8);
    const securityInformation = unsigned(take(Tag.securityInformation, 'security_information'), 'security_information', UINT16);
    const versionNumber = unsigned(take(Tag.versionNumber, 'version_number'), 'version_number', UINT16);
    const certificationType = unsigned(take(Tag.certificationType, 'certification_type'), 'certification_type', UINT8);

    let content: CdContent = { formatVersion, vendorId, productIds, deviceTypeId, certificateId, securityLevel, securityInformation, versionNumber, certificationType };
    if (isTag(peek(), Tag.dacOriginVendorId)) {
      const dacOriginVendorId = unsigned(take(Tag.dacOriginVendorId, 'dac_origin_vendor_id'), 'dac_origin_vendor_id', UINT16);
      if (!isTag(peek(), Tag.dacOriginProductId)) throw new PayloadError('dac_origin_vendor_id (tag 9) is present but dac_origin_product_id (tag 10) does not follow it');
      const dacOriginProductId = unsigned(take(Tag.dacOriginProductId, 'dac_origin_product_id'), 'dac_origin_product_id', UINT16);
      content = { ...content, dacOriginVendorId, dacOriginProductId };
    } else if (isTag(peek(), Tag.dacOriginProductId)) {
      throw new PayloadError('dac_origin_product_id (tag 10) is present without dac_origin_vendor_id (tag 9)');
    }
    if (isTag(peek(), Tag.authorizedPaaList)) {
      const list = take(Tag.authorizedPaaList, 'authorized_paa_list');
      if (list.type !== 'array') throw new PayloadError(`authorized_paa_list is ${describeType(list.type)}, not an array`);
      const authorizedPaaList = list.value.map((entry, i) => {
        if (entry.type !== 'bytes') throw new PayloadError(`authorized_paa_list[${i}] is ${describeType(entry.type)}, not an octet string`);
        if (entry.value.length !== CD_KEY_ID_LENGTH) throw new PayloadError(`authorized_paa_list[${i}] is ${entry.value.length} bytes; a PAA key id is ${CD_KEY_ID_LENGTH} bytes`);
        return entry.value;
      });
      if (authorizedPaaList.length > CD_MAX_AUTHORIZED_PAAS) throw new PayloadError(`authorized_paa_list has ${authorizedPaaList.length} entries; at most ${CD_MAX_AUTHORIZED_PAAS} are allowed`);
      content = { ...content, authorizedPaaList };
    }
    const rest = members.slice(index);
    const repeated = rest.find((element) => element.tag.kind === 'context' && element.tag.tagNumber <= Tag.authorizedPaaList);
    if (repeated !== undefined) throw new PayloadError(`${describeTag(repeated.tag)} appears out of order or twice`);
    return success({ content, ignoredElements: rest.length });
  } catch (error) {
    if (error instanceof PayloadError) return failure('CD_PAYLOAD_MALFORMED', error.what);
    throw error;
  }
}

/**
 * Checks that content can be written into a CD (the SDK encoder's rules plus the field types):
 * 1–100 product ids, a 19-character certificate id, each integer within its type, both or neither
 * dac_origin field, 1–10 authorized PAA key ids of 20 bytes. Returns the first problem, or null.
 */
export function validateCdContent(content: CdContent): string | null {
  const integer = (value: unknown, name: string, max: number) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max ? null : `${name} ${String(value)} must be a whole number from 0 to ${max}`);
  const checks = [
    integer(content.formatVersion, 'format_version', UINT16),
    integer(content.vendorId, 'vendor_id', UINT16),
    Array.isArray(content.productIds) && content.productIds.length >= 1 && content.productIds.length <= CD_MAX_PRODUCT_IDS ? null : `product_id_array must hold 1 to ${CD_MAX_PRODUCT_IDS} product ids (got ${Array.isArray(content.productIds) ? content.productIds.length : 'none'})`,
    ...(Array.isArray(content.productIds) ? content.productIds.map((pid, i) => integer(pid, `product_id_array[${i}]`, UINT16)) : []),
    integer(content.deviceTypeId, 'device_type_id', UINT32),
    typeof content.certificateId === 'string' ? checkCertificateId(content.certificateId) : 'certificate_id must be a string',
    integer(content.securityLevel, 'security_level', UINT8),
    integer(content.securityInformation, 'security_information', UINT16),
    integer(content.versionNumber, 'version_number', UINT16),
    integer(content.certificationType, 'certification_type', UINT8),
    (content.dacOriginVendorId === undefined) !== (content.dacOriginProductId === undefined) ? 'dac_origin_vendor_id and dac_origin_product_id must be given together' : null,
    content.dacOriginVendorId === undefined ? null : integer(content.dacOriginVendorId, 'dac_origin_vendor_id', UINT16),
    content.dacOriginProductId === undefined ? null : integer(content.dacOriginProductId, 'dac_origin_product_id', UINT16),
    content.authorizedPaaList === undefined || (content.authorizedPaaList.length >= 1 && content.authorizedPaaList.length <= CD_MAX_AUTHORIZED_PAAS)
      ? null
      : `authorized_paa_list must hold 1 to ${CD_MAX_AUTHORIZED_PAAS} PAA key ids when present (got ${content.authorizedPaaList.length}); leave it out to allow any PAA`,
    ...(content.authorizedPaaList ?? []).map((kid, i) => (kid instanceof Uint8Array && kid.length === CD_KEY_ID_LENGTH ? null : `authorized_paa_list[${i}] must be a ${CD_KEY_ID_LENGTH}-byte key id`)),
  ];
  return checks.find((check) => check !== null) ?? null;
}

/** Encodes content as the SDK does (fields in tag order, unsigned integers in their shortest form). */
export function encodeCdPayload(content: CdContent): Result<Uint8Array> {
  const problem = validateCdContent(content);
  if (problem !== null) return failure('CD_CONTENT_INVALID', problem);
  const uint = (tagNumber: number, value: number): TlvElement => ({ tag: contextTag(tagNumber), type: 'unsigned', value });
  const members: TlvElement[] = [
    uint(Tag.formatVersion, content.formatVersion),
    uint(Tag.vendorId, content.vendorId),
    { tag: contextTag(Tag.productIdArray), type: 'array', value: content.productIds.map((pid) => ({ tag: anonymousTag, type: 'unsigned', value: pid })) },
    uint(Tag.deviceTypeId, content.deviceTypeId),
    { tag: contextTag(Tag.certificateId), type: 'utf8', value: content.certificateId },
    uint(Tag.securityLevel, content.securityLevel),
    uint(Tag.securityInformation, content.securityInformation),
    uint(Tag.versionNumber, content.versionNumber),
    uint(Tag.certificationType, content.certificationType),
  ];
  if (content.dacOriginVendorId !== undefined && content.dacOriginProductId !== undefined) {
    members.push(uint(Tag.dacOriginVendorId, content.dacOriginVendorId), uint(Tag.dacOriginProductId, content.dacOriginProductId));
  }
  if (content.authorizedPaaList !== undefined) {
    members.push({ tag: contextTag(Tag.authorizedPaaList), type: 'array', value: content.authorizedPaaList.map((kid) => ({ tag: anonymousTag, type: 'bytes', value: kid })) });
  }
  const encoded = encodeTlv({ tag: anonymousTag, type: 'structure', value: members });
  if (!encoded.ok) return failure('CD_CONTENT_INVALID', encoded.error.detail);
  return encoded;
}

/** The SDK reads certificate_id into a 20-byte buffer and requires strlen == 19. */
function checkCertificateId(certificateId: string): string | null {
  const bytes = new TextEncoder().encode(certificateId);
  if (certificateId.includes('\0')) return 'certificate_id contains a NUL character';
  if (bytes.length !== CD_CERTIFICATE_ID_LENGTH) return `certificate_id "${certificateId}" is ${bytes.length} bytes long; it must be exactly ${CD_CERTIFICATE_ID_LENGTH} characters`;
  return null;
}
