/**
 * The checks about the factory data: VID/PID agree everywhere, the commissioning values are the
 * recorded ones and the stored SPAKE2+ verifier really derives from them, and the onboarding codes
 * the device would print are the ones on its label.
 */
import { encodeManualCode, encodeQrCode, type SetupPayload } from '../../matter/onboarding';
import { computeSpake2pVerifier } from '../../matter/spake2p';
import { decodeBase64Strict } from '../../silabs/factoryData';
import { bytesEqual } from '../../matter/certificates';
import { fail, hex4, listed, pass, skip, unreadableReason, type CheckContext } from './checkContext';
import { compareWithRecord, type RecordField } from './compareWithRecord';
import type { CheckResult } from './types';

/**
 * vid-pid: VID and PID in the DAC, PAI, CD, the NVM3 factory data and the setup-payload bitset are
 * all the configuration's. A PAI scoped to the vendor only (no PID) is allowed. The bitset's values
 * are not exposed by the parser, only its disagreement with the separate keys (setup-payload-mismatch).
 */
export function checkVidPid(context: CheckContext): CheckResult {
  const reason = unreadableReason(context);
  if (reason !== null) return skip('vid-pid', `Skipped: ${reason}.`);
  const { certificates, factoryData, warnings } = context.parsed!;
  const { vendorId, productId } = context.expectations;
  const found: string[] = [];
  const compare = (where: string, actual: number | null | undefined, expected: number, what: 'VID' | 'PID') => {
    if (actual === null || actual === undefined) {
      if (where !== 'the PAI' || what !== 'PID') found.push(`${where} has no ${what}`);
    } else if (actual !== expected) found.push(`${where} says ${what} ${hex4(actual)}`);
  };
  for (const [where, summary] of [['the DAC', certificates.dac], ['the PAI', certificates.pai]] as const) {
    if (!summary.present || summary.error !== null) continue;
    compare(where, summary.vendorId, vendorId, 'VID');
    compare(where, summary.productId, productId, 'PID');
  }
  if (certificates.cd.present && certificates.cd.error === null) {
    compare('the CD', certificates.cd.vendorId, vendorId, 'VID');
    if (!(certificates.cd.productIds ?? []).includes(productId)) found.push(`the CD does not list PID ${hex4(productId)}`);
  }
  compare('the factory data', factoryData.vendorId, vendorId, 'VID');
  compare('the factory data', factoryData.productId, productId, 'PID');
  for (const warning of warnings) {
    if (warning.code === 'setup-payload-mismatch' && (warning.field === 'vendorId' || warning.field === 'productId')) found.push(`the setup-payload bitset disagrees with the factory data's ${warning.field === 'vendorId' ? 'VID' : 'PID'}`);
  }
  if (found.length === 0) return pass('vid-pid', `VID ${hex4(vendorId)} and PID ${hex4(productId)} agree in the DAC, PAI, CD, factory data and setup payload.`);
  return fail('vid-pid', `The configuration is VID ${hex4(vendorId)} / PID ${hex4(productId)}, but ${listed(found)}.`);
}

const FIELD_NAMES: Readonly<Record<RecordField, string>> = {
  serialNumber: 'serial number',
  eui64: 'EUI-64',
  dac: 'DAC',
  discriminator: 'discriminator',
  passcode: 'passcode',
  iterations: 'iteration count',
  salt: 'salt',
  uniqueId: 'unique id',
};
const COMMISSIONING_FIELDS: readonly RecordField[] = ['discriminator', 'passcode', 'iterations', 'salt', 'uniqueId', 'serialNumber'];

/**
 * commissioning: discriminator, passcode (from the bitset), iterations, salt, unique id (by SHA-256)
 * and serial number are the record's; and the stored SPAKE2+ verifier is the one derived from the
 * passcode, salt and iterations read, so the device will accept the passcode on its label.
 */
export async function checkCommissioning(context: CheckContext): Promise<CheckResult> {
  const reason = unreadableReason(context);
  if (reason !== null) return skip('commissioning', `Skipped: ${reason}.`);
  const data = context.parsed!.factoryData;
  const record = context.expectations.record;
  if (record !== undefined) {
    const mismatches = compareWithRecord(context.readback, record).filter((item) => COMMISSIONING_FIELDS.includes(item.field));
    if (mismatches.length > 0) {
      const text = mismatches.map((item) => `the ${FIELD_NAMES[item.field]} is ${item.actual}, the record says ${item.expected}`);
      return fail('commissioning', `The device is not the recorded one: ${listed(text)}.`);
    }
  }
  const salt = data.spake2pSalt === undefined ? null : decodeBase64Strict(data.spake2pSalt);
  const stored = data.spake2pVerifier === undefined ? null : decodeBase64Strict(data.spake2pVerifier);
  if (data.passcode === undefined || salt === null || data.spake2pIterations === undefined || stored === null) {
    return fail('commissioning', 'The passcode, salt, iteration count or SPAKE2+ verifier is missing or unreadable, so the device cannot be commissioned with its label.');
  }
  const computed = await computeSpake2pVerifier({ passcode: data.passcode, salt, iterations: data.spake2pIterations });
  if (!computed.ok) return fail('commissioning', `The stored commissioning values are unusable: ${(computed.error.detail ?? computed.error.message).replace(/\.$/, '')}.`);
  if (!bytesEqual(computed.value.verifier, stored)) {
    return fail('commissioning', 'The stored SPAKE2+ verifier does not derive from the stored passcode, salt and iterations, so the label\'s passcode would be refused.');
  }
  return pass('commissioning', record === undefined ? 'The stored SPAKE2+ verifier derives from the stored passcode, salt and iterations (no record to compare with).' : 'Discriminator, passcode, iterations, salt, unique id and serial number are the recorded ones, and the verifier derives from them.');
}

/** The setup payload the device's own values make (what the firmware prints and advertises). */
export function setupPayloadOf(context: CheckContext): SetupPayload | null {
  const data = context.parsed?.factoryData;
  if (data === undefined || data.vendorId === undefined || data.productId === undefined || data.discriminator === undefined || data.passcode === undefined) return null;
  return { version: 0, vendorId: data.vendorId, productId: data.productId, flow: data.commissioningFlow ?? 0, capabilities: data.discoveryCapabilities ?? 0, discriminator: data.discriminator, passcode: data.passcode };
}

/**
 * onboarding: the QR payload and manual code derived from the values read equal the record's. Skipped
 * when vid-pid or commissioning already failed: the codes derive from those values, and that
 * disagreement is already reported where it belongs.
 */
export function checkOnboarding(context: CheckContext, prerequisitesPassed: boolean): CheckResult {
  const record = context.expectations.record;
  if (record?.qrPayload === undefined && record?.manualCode === undefined) return skip('onboarding', 'No QR payload or manual code is on record to compare with.');
  const reason = unreadableReason(context);
  if (reason !== null) return skip('onboarding', `Skipped: ${reason}.`);
  if (!prerequisitesPassed) return skip('onboarding', 'Skipped: the VID/PID or commissioning values already differ (see those checks), so the codes would differ too.');
  const payload = setupPayloadOf(context);
  if (payload === null) return fail('onboarding', 'The device lacks the VID, PID, discriminator or passcode its onboarding codes are made from.');
  const problems: string[] = [];
  if (record.qrPayload !== undefined) {
    const qr = encodeQrCode(payload, { mode: 'consume' });
    if (!qr.ok) problems.push(`no QR payload can be made from the values read (${qr.error.detail ?? qr.error.message})`);
    else if (qr.value !== record.qrPayload.trim()) problems.push(`the device's QR payload is ${qr.value}, the record's ${record.qrPayload.trim()}`);
  }
  if (record.manualCode !== undefined) {
    const manual = encodeManualCode(payload);
    const recorded = record.manualCode.replace(/[\s-]/g, '');
    if (!manual.ok) problems.push(`no manual code can be made from the values read (${manual.error.detail ?? manual.error.message})`);
    else if (manual.value !== recorded) problems.push(`the device's manual code is ${manual.value}, the record's ${recorded}`);
  }
  if (problems.length > 0) return fail('onboarding', `The label does not match the device: ${listed(problems)}.`);
  return pass('onboarding', 'The QR payload and manual code made from the values read are the ones on record.');
}
