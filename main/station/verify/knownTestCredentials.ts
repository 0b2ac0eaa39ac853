/**
 * The Matter SDK's published test attestation credentials. Their private keys are public (they ship
 * in github.com/project-chip/connectedhomeip), so a device holding them, or a chain ending at one of
 * their roots, is not production-worthy; Silicon Labs firmware serves the example DAC/PAI/CD silently
 * when its credentials are missing (SL_MATTER_ENABLE_EXAMPLE_CREDENTIALS, silabs-provisioning.md
 * pitfall 7.1). Identified by subject key identifier and public key point, both upper-case hex.
 *
 * Source: the conformance data under ../shared/vectors/chip (INDEX.md; values read with openssl):
 *   credentials/development/paa-root-certs/Chip-Test-PAA-FFF1-Cert.pem           (current root of every commissioner_dut vector)
 *   credentials/test/attestation/Chip-Test-PAA-NoVID-Cert.pem
 *   historical/2da60bf0…/credentials/test/attestation/Chip-Test-PAA-FFF1-Cert.pem  ("Matter Test PAA FFF1", older generation)
 *   credentials/test/attestation/Chip-Test-PAI-FFF1-8000-Key.pem                 (SKID = SHA-1 of its key, equals the example DAC's AKID)
 *   historical/02791f8e…/credentials/test/attestation/Chip-Test-PAI-FFF1-8000-Cert.pem
 *   credentials/test/attestation/Chip-Test-DAC-FFF1-8000-0000-Cert.pem           (the example DAC Silicon Labs firmware falls back to)
 * The SDK publishes more test roots (FFF2, FFF3 …) not stored here; for a production DCL the vendor-ID
 * rule (0xFFF1–0xFFF4 are test vendor IDs) catches those too.
 */
import { toHex } from '../../matter/certificates';

export interface KnownTestCredential {
  readonly role: 'PAA' | 'PAI' | 'DAC';
  readonly name: string;
  readonly subjectKeyId: string;
  /** Uncompressed P-256 point. */
  readonly publicKey: string;
}

export const KNOWN_TEST_CREDENTIALS: readonly KnownTestCredential[] = [
  {
    role: 'PAA',
    name: 'Matter Test PAA (VID 0xFFF1)',
    subjectKeyId: '6AFD22771F511FECBF1641976710DCDC31A1717E',
    publicKey: '04B6CB6372887F2928F5BAC81AA9D93AE2431CADA9D79E242F65177EF9CED932A28ECD03BAAF6A8FCA184A1A503542960D453F303F1F19421D751E8F8F1A9A9B75',
  },
  {
    role: 'PAA',
    name: 'Matter Test PAA (no VID)',
    subjectKeyId: '785CE705B86B8F4E6FC793AA60CB43EA696882D5',
    publicKey: '0410EF02A81A87B68121FBA8D31978F807A317E50AA8A828446828914B933DE8EDD4A5C39C9FF71A4CE3647FD7F62653B7D2495FCBA4C0F47F876880039E07204A',
  },
  {
    role: 'PAA',
    name: 'Matter Test PAA FFF1 (older generation)',
    subjectKeyId: '6B7A5841DE2503CE410680A4431329877A061DF0',
    publicKey: '0426567A4EE6C3EC9D24BD9F4CE7D6E257D5D4099E16249EBA6B24BBFFB5C9135634EDD71BF538109A5C2B9419AA9E78734490190CE7335FB5E3623C725ECC769A',
  },
  {
    role: 'PAI',
    name: 'Matter Test PAI FFF1/8000',
    subjectKeyId: 'AF42B7094DEBD515EC6ECF33B81115225F325288',
    publicKey: '0480DDF11B228F3E31F63BCF5798DA14623AEBBDE82EF378EEADBFB18FE1ABCE31D08ED4B20604B6CCC6D9B5FAB64E7DE10CB74BE017C9EC1516056D70F2CD0B22',
  },
  {
    role: 'PAI',
    name: 'Matter Test PAI FFF1/8000 (older generation)',
    subjectKeyId: '84F51DFF9ECCDA29359448520E85F1292DA3EDD7',
    publicKey: '04CA73CE4641BF083B4A338DA0431A0A32307F66D160574B66122F2506CF6AD370E37F65D6347AE797A197265050976D34AC7B637B3BDA0B5BD843ED8E5D5E9BF2',
  },
  {
    role: 'DAC',
    name: 'Matter Test DAC 0000 (FFF1/8000, the SDK example DAC)',
    subjectKeyId: 'E57088F448E6FF9FE2009744528BF9EC082FC11F',
    publicKey: '04FCA138C92B76E1CD13873C19EA197298485578C15DB7D298D18425FC6843CD508028EF6374BB0BDD093C2A0D43C6D6D2C67B102BCF207031DA6CC0E3164FE035',
  },
];

/** Vendor IDs the CSA reserves for testing (Matter Core spec, Vendor ID section). */
export const TEST_VENDOR_ID_MIN = 0xfff1;
export const TEST_VENDOR_ID_MAX = 0xfff4;

export function isTestVendorId(vendorId: number | null | undefined): boolean {
  return vendorId !== null && vendorId !== undefined && vendorId >= TEST_VENDOR_ID_MIN && vendorId <= TEST_VENDOR_ID_MAX;
}

/** The known SDK credential of `role` with this key identifier or public key, if any. */
export function findKnownTestCredential(role: KnownTestCredential['role'], key: { subjectKeyId?: Uint8Array | null; publicKey?: Uint8Array | null }): KnownTestCredential | undefined {
  const keyId = key.subjectKeyId ? toHex(key.subjectKeyId) : null;
  const point = key.publicKey ? toHex(key.publicKey) : null;
  return KNOWN_TEST_CREDENTIALS.find((entry) => entry.role === role && (entry.subjectKeyId === keyId || entry.publicKey === point));
}
