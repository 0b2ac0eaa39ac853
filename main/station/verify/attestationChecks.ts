/**
 * The checks about the attestation credentials: the DAC is the one issued, it chains to a trusted PAA
 * under the Matter rules, the CD verifies and covers the device, the credentials are not the SDK's
 * published test ones, and (single page) the stored key belongs to the DAC. Chain and CD rules are
 * main/matter/attestation's verifyAttestation; this file only decides which findings belong to which check.
 */
import { certificationDeclarationErrors } from '../../../preload/contract/catalogue/cd';
import { verifyAttestation } from '../../matter/attestation';
import type { AttestationProblem } from '../../matter/attestationProblem';
import { bytesEqual, parsePrivateKey, readAuthorityKeyId, readSubjectKeyId, toHex } from '../../matter/certificates';
import { fail, hex4, pass, skip, unreadableReason, type CheckContext } from './checkContext';
import { findKnownTestCredential, isTestVendorId } from './knownTestCredentials';
import type { CheckResult } from './types';

function describe(problems: readonly AttestationProblem[]): string {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `${(first.detail ?? first.message).replace(/\.$/, '')}${more}`;
}

/** dac-identical: the DAC read is byte for byte the one the station issued. */
export function checkDacIdentical(context: CheckContext): CheckResult {
  const issued = context.expectations.record?.dacDer;
  if (issued === undefined) return skip('dac-identical', 'No issued DAC is on record to compare with.');
  const reason = unreadableReason(context);
  if (reason !== null) return skip('dac-identical', `Skipped: ${reason}.`);
  const read = context.parsed!.files.dac;
  if (read === null) return skip('dac-identical', 'Skipped: the device holds no DAC (see the present check).');
  if (bytesEqual(read, issued)) return pass('dac-identical', `The DAC on the device is byte for byte the issued one (${read.length} bytes).`);
  return fail('dac-identical', `The DAC on the device (${read.length} bytes) is not the one the station issued (${issued.length} bytes).`);
}

function certificatesReadable(context: CheckContext, name: 'chain' | 'cd'): CheckResult | null {
  const reason = unreadableReason(context);
  if (reason !== null) return skip(name, `Skipped: ${reason}.`);
  const { files } = context.parsed!;
  if (files.dac === null || files.pai === null) return skip(name, 'Skipped: the DAC or PAI is missing (see the present check).');
  if (name === 'cd' && files.cd === null) return skip(name, 'Skipped: the CD is missing (see the present check).');
  return null;
}

/** chain: DAC → PAI → a PAA of the trust store, Matter profile and VID/PID rules, valid now. */
export async function checkChain(context: CheckContext): Promise<CheckResult> {
  const unavailable = certificatesReadable(context, 'chain');
  if (unavailable !== null) return unavailable;
  const { files } = context.parsed!;
  const verdict = await verifyAttestation({ dac: files.dac!, pai: files.pai!, trustStore: context.expectations.trustStore, now: context.now });
  if (verdict.valid) return pass('chain', 'The DAC chains through the PAI to a trusted PAA and meets the Matter certificate rules.');
  return fail('chain', `The DAC does not chain to a trusted PAA under the Matter rules: ${describe(verdict.problems)}.`);
}

const CD_CODES = new Set<string>(Object.keys(certificationDeclarationErrors));

/**
 * cd: the CD verifies against the configured signers and its VID/PID rules hold for the DAC, PAI and
 * the factory data's VID/PID. When the factory data disagrees with the configuration the vid-pid
 * check reports that, so the CD is then matched against the certificates only (one finding, one check).
 */
export async function checkCd(context: CheckContext, vidPidPassed: boolean): Promise<CheckResult> {
  const unavailable = certificatesReadable(context, 'cd');
  if (unavailable !== null) return unavailable;
  const { files, factoryData } = context.parsed!;
  const { vendorId, productId } = factoryData;
  const basicInformation = vidPidPassed && vendorId !== undefined && productId !== undefined ? { vendorId, productId } : undefined;
  const verdict = await verifyAttestation({
    dac: files.dac!,
    pai: files.pai!,
    cd: files.cd!,
    cdSigners: context.expectations.cdSigners,
    // A production device must not carry a CD signed with the CSA's published test key.
    cdOptions: context.expectations.dcl === 'production' ? { allowTestKey: false } : {},
    ...(basicInformation === undefined ? {} : { basicInformation }),
    trustStore: context.expectations.trustStore,
    now: context.now,
  });
  const problems = verdict.problems.filter((item) => CD_CODES.has(item.code));
  if (problems.length === 0) return pass('cd', `The Certification Declaration verifies against the configured signers and covers the device${basicInformation === undefined ? "'s certificates" : ''}.`);
  return fail('cd', `The Certification Declaration fails: ${describe(problems)}.`);
}

/**
 * not-test-credentials: the DAC and PAI are not the SDK's published test credentials, and the chain
 * does not end at an SDK test PAA the station was not configured with. For a production DCL, no test
 * PAA at all (known SDK root, or a root with a test vendor ID 0xFFF1–0xFFF4) and no test vendor ID.
 */
export function checkNotTestCredentials(context: CheckContext): CheckResult {
  const reason = unreadableReason(context);
  if (reason !== null) return skip('not-test-credentials', `Skipped: ${reason}.`);
  const { dac, pai, expectations } = context;
  if (dac === null || pai === null) return skip('not-test-credentials', 'Skipped: the DAC or PAI is missing or unreadable (see the present check).');

  const knownDac = findKnownTestCredential('DAC', { subjectKeyId: readSubjectKeyId(dac), publicKey: dac.publicKey.point });
  if (knownDac !== undefined) return fail('not-test-credentials', `The device holds test/example credentials: its DAC is the SDK's ${knownDac.name}, whose private key is public.`);
  const knownPai = findKnownTestCredential('PAI', { subjectKeyId: readSubjectKeyId(pai), publicKey: pai.publicKey.point });
  if (knownPai !== undefined) return fail('not-test-credentials', `The device holds test/example credentials: its PAI is the SDK's ${knownPai.name}, whose private key is public.`);

  const rootKeyId = readAuthorityKeyId(pai);
  const knownRoot = rootKeyId === null ? undefined : findKnownTestCredential('PAA', { subjectKeyId: rootKeyId });
  const configuredRoot = rootKeyId === null ? undefined : expectations.trustStore.findBySubjectKeyId(rootKeyId);
  if (knownRoot !== undefined && configuredRoot === undefined) {
    return fail('not-test-credentials', `The device holds test/example credentials: its PAI was issued by the SDK's ${knownRoot.name}, which this product's trust store does not hold.`);
  }
  if (expectations.dcl === 'production') {
    if (knownRoot !== undefined) return fail('not-test-credentials', `A production device's chain ends at the SDK's ${knownRoot.name}, a test PAA.`);
    if (configuredRoot !== undefined && isTestVendorId(configuredRoot.vidPid.vendorId)) {
      return fail('not-test-credentials', `A production device's chain ends at a test PAA (vendor ID ${hex4(configuredRoot.vidPid.vendorId!)}, key ${toHex(configuredRoot.subjectKeyId)}).`);
    }
    const testVid = [context.parsed!.certificates.dac.vendorId, context.parsed!.certificates.pai.vendorId].find((vid) => isTestVendorId(vid));
    if (testVid !== undefined && testVid !== null) return fail('not-test-credentials', `A production device carries the test vendor ID ${hex4(testVid)} in its certificates.`);
  }
  return pass('not-test-credentials', expectations.dcl === 'production' ? 'No test PAA, test vendor ID or SDK example credential is in the chain.' : 'The DAC and PAI are not SDK example credentials and chain to the configured PAA.');
}

/** key (single page only): the stored DAC private key belongs to the DAC's public key. */
export function checkKey(context: CheckContext): CheckResult {
  const reason = unreadableReason(context);
  if (reason !== null) return skip('key', `Skipped: ${reason}.`);
  const parsed = context.parsed!;
  if (parsed.layout !== 'single-page') return skip('key', 'The nvm3 layout keeps the DAC key in the chip\'s protected key storage, out of reach of read-back.');
  if (parsed.dacKey === null) return fail('key', 'The single page holds no DAC private key, so the device cannot sign attestations.');
  if (context.dac === null) return skip('key', 'Skipped: the DAC is missing or unreadable (see the present check).');
  try {
    const key = parsePrivateKey(parsed.dacKey);
    if (!key.ok) return fail('key', `The stored DAC key cannot be read: ${(key.error.detail ?? key.error.message).replace(/\.$/, '')}.`);
    if (!bytesEqual(key.value.point, context.dac.publicKey.point)) return fail('key', 'The stored DAC private key does not belong to the DAC, so every attestation would fail.');
  } catch (error) {
    return fail('key', `The stored DAC key cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  return pass('key', 'The stored DAC private key matches the DAC public key.');
}
