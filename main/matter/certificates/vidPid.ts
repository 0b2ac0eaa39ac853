/**
 * Vendor and product ID of an attestation certificate subject (fact sheet 1.2, following the SDK's
 * ExtractVIDPIDFromX509Cert / ExtractVIDPIDFromAttributeString / Find16BitUpperCaseHexAfterPrefix):
 *
 * - Matter attributes 1.3.6.1.4.1.37244.2.1 (VID) and .2.2 (PID): the value must be exactly four
 *   upper-case hex characters; a second VID or a second PID attribute is an error.
 * - Fallback in the CommonName: "Mvid:" / "Mpid:" followed by four upper-case hex digits, searched in
 *   the first 64 bytes of the CN, left to right, first full match wins; separators and order do not
 *   matter. A prefix that is present but never followed by four valid digits is an error; an absent
 *   prefix means "not present". CNs are examined until one yields a VID or PID.
 * - When any Matter attribute is present, the Matter attributes are used and the CN values are
 *   ignored (so a PID attribute plus a VID only in the CN gives no VID). A malformed CN encoding is
 *   still an error, as in the SDK, which parses every attribute before choosing.
 */
import { failure, success, type Result } from '../../../preload/contract/errors';
import { OID } from './oids';
import type { DistinguishedName } from './parseCertificate';

export interface VidPid {
  readonly vendorId: number | null;
  readonly productId: number | null;
  /** Which encoding supplied the values. */
  readonly source: 'matter-attributes' | 'common-name' | 'none';
}

/** The SDK's kMax_CommonNameAttr_Length: only this many bytes of a CN are searched. */
export const CN_SEARCH_LENGTH = 64;
const HEX4 = /^[0-9A-F]{4}$/;

/** Four upper-case hex digits → number; anything else → null. */
export function parseUpperHex4(text: string): number | null {
  return HEX4.test(text) ? Number.parseInt(text, 16) : null;
}

/** "FFF1" for 0xFFF1: how the VID/PID attributes are written. */
export function formatUpperHex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

type Search = { found: number } | 'absent' | 'invalid';

/** Scan `text` for `prefix` + 4 upper-case hex digits; the SDK's Find16BitUpperCaseHexAfterPrefix. */
export function findHexAfterPrefix(text: string, prefix: string): Search {
  let seenPrefix = false;
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    seenPrefix = true;
    const value = parseUpperHex4(text.slice(at + prefix.length, at + prefix.length + 4));
    if (value !== null) return { found: value };
  }
  return seenPrefix ? 'invalid' : 'absent';
}

export function extractVidPid(name: DistinguishedName): Result<VidPid> {
  let matterVid: number | null = null;
  let matterPid: number | null = null;
  let cnVid: number | null = null;
  let cnPid: number | null = null;

  for (const attribute of name.attributes) {
    if (attribute.oid === OID.matterVendorId || attribute.oid === OID.matterProductId) {
      const which = attribute.oid === OID.matterVendorId ? 'VID' : 'PID';
      const value = attribute.value === null ? null : parseUpperHex4(attribute.value);
      if (value === null) {
        return failure('CERT_VIDPID_INVALID', `the Matter ${which} attribute is ${attribute.value === null ? 'not a string' : JSON.stringify(attribute.value)}, not exactly 4 upper-case hex digits`);
      }
      if (which === 'VID') {
        if (matterVid !== null) return failure('CERT_VIDPID_INVALID', 'the subject holds two Matter VID attributes');
        matterVid = value;
      } else {
        if (matterPid !== null) return failure('CERT_VIDPID_INVALID', 'the subject holds two Matter PID attributes');
        matterPid = value;
      }
    } else if (attribute.oid === OID.commonName && cnVid === null && cnPid === null && attribute.value !== null) {
      // Bytes, not characters, as the SDK counts; the prefixes and digits are ASCII either way.
      const head = Buffer.from(attribute.value, 'utf8').subarray(0, CN_SEARCH_LENGTH).toString('latin1');
      for (const [prefix, which] of [['Mvid:', 'VID'], ['Mpid:', 'PID']] as const) {
        const search = findHexAfterPrefix(head, prefix);
        if (search === 'invalid') {
          return failure('CERT_VIDPID_INVALID', `the CN ${JSON.stringify(attribute.value)} contains "${prefix}" but never followed by 4 upper-case hex digits`);
        }
        if (search !== 'absent') {
          if (which === 'VID') cnVid = search.found;
          else cnPid = search.found;
        }
      }
    }
  }
  if (matterVid !== null || matterPid !== null) return success({ vendorId: matterVid, productId: matterPid, source: 'matter-attributes' });
  if (cnVid !== null || cnPid !== null) return success({ vendorId: cnVid, productId: cnPid, source: 'common-name' });
  return success({ vendorId: null, productId: null, source: 'none' });
}
