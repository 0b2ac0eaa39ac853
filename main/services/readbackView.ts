/**
 * The window's view of a QA read-back (preload/contract/qa.ts) from what inspectBoard found: every
 * check, the decoded DAC, PAI and CD, the commissioning values (the unique id and the passcode never
 * shown), the onboarding codes on record, the lock, and the record compared field by field. The
 * checks themselves are inspectBoard's; this only decodes and lays out for reading.
 */
import { createHash } from 'node:crypto';
import type { ReadbackView } from '../../preload/contract/qa';
import { certificationTypeName, decodeCertificationDeclaration } from '../matter/cd';
import { parseCertificateDer, readAuthorityKeyId, readSubjectKeyId, toHex } from '../matter/certificates';
import { decodeExtension } from '../matter/certificates/keyIdentifiers';
import { OID, oidName } from '../matter/certificates/oids';
import type { ParsedCertificate } from '../matter/certificates/parseCertificate';
import { x509 } from '../matter/certificates/x509';
import { encodeManualCode, encodeQrCode, type SetupPayload } from '../matter/onboarding';
import type { CertificateSummary } from '../silabs/image';
import type { FactoryData } from '../silabs/factoryData';
import type { BoardInspection } from '../station/qa/inspectBoard';
import { sameSalt, uniqueIdSha256, type DeviceReadback, type DeviceRecordExpectation } from '../station/verify';
import type { Device } from '../store/repositories/devices';
import type { Lot } from '../store/repositories/lots';

type Row = ReadbackView['dac'][number];
type Comparison = ReadbackView['record']['comparison'][number];

const hex4 = (value: number): string => `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const shown = (value: string | number | undefined | null): string => (value === undefined || value === null ? 'missing' : String(value));
const colonHex = (bytes: Uint8Array | null): string => (bytes === null ? 'none' : (toHex(bytes).match(/../g) ?? []).join(':'));

export interface ReadbackViewInput {
  readonly inspected: BoardInspection;
  readonly device: Device;
  readonly lot: Lot;
  /** What the station recorded for the device (inspectBoard's recordExpectation). */
  readonly record: DeviceRecordExpectation;
  /** Who read it back, for "recorded by". */
  readonly operatorName: string;
}

export function readbackViewOf({ inspected, device, lot, record, operatorName }: ReadbackViewInput): ReadbackView {
  const { readback, report, inspection } = inspected;
  const parsed = readback.parsed;
  return {
    passed: report.passed,
    checks: report.checks.map((check) => ({ name: check.name, status: check.status, message: check.message })),
    dac: parsed === null ? [] : certificateRows(parsed.certificates.dac, parsed.files.dac),
    pai: parsed === null ? [] : certificateRows(parsed.certificates.pai, parsed.files.pai),
    cd: parsed === null ? [] : cdRows(parsed.certificates.cd, parsed.files.cd),
    commissioning: commissioningRows(readback),
    onboarding: { qrPayload: device.qrPayload, manualCode: device.manualCode },
    lockState: lockStateText(readback),
    eui64: readback.eui64 === null ? null : readback.eui64.toUpperCase(),
    record: {
      deviceId: device.id,
      serialNumber: device.serialNumber,
      lotId: lot.id,
      lotName: lot.name,
      status: device.status,
      comparison: compareForReading(readback, record),
    },
    inspection: inspection === null ? null : { id: inspection.id, at: inspection.at, operator: operatorName },
  };
}

/** Everything the parsed certificate gives, in the order an inspector reads a certificate. */
export function certificateRows(summary: CertificateSummary, der: Uint8Array | null): Row[] {
  if (!summary.present || der === null) return [{ label: 'Present', value: 'no' }];
  const rows: Row[] = [];
  if (summary.error !== null) rows.push({ label: 'Problem', value: summary.error });
  const parsed = parseQuietly(der);
  if (parsed === null) return [...rows, { label: 'Size', value: `${der.length} bytes` }, { label: 'SHA-256', value: sha256(der) }];
  rows.push(
    { label: 'Subject', value: parsed.subject.text },
    { label: 'Issuer', value: parsed.issuer.text },
    { label: 'Serial number', value: summary.serial ?? toHex(parsed.serialNumber) },
    { label: 'Vendor ID', value: summary.vendorId === null ? 'none' : hex4(summary.vendorId) },
    { label: 'Product ID', value: summary.productId === null ? 'none' : hex4(summary.productId) },
    { label: 'Valid from', value: parsed.notBefore.toISOString() },
    { label: 'Valid until', value: parsed.notAfter.toISOString() },
    { label: 'Subject key ID', value: colonHex(readSubjectKeyId(parsed)) },
    { label: 'Authority key ID', value: colonHex(readAuthorityKeyId(parsed)) },
    { label: 'Key usage', value: keyUsageText(parsed) },
    { label: 'Basic constraints', value: basicConstraintsText(parsed) },
    { label: 'Public key', value: `${oidName(parsed.publicKey.algorithm)}${parsed.publicKey.curve === null ? '' : ` ${oidName(parsed.publicKey.curve)}`}` },
    { label: 'Signature algorithm', value: oidName(parsed.signatureAlgorithm) },
    { label: 'Size', value: `${der.length} bytes` },
    { label: 'SHA-256', value: sha256(der) },
  );
  return rows;
}

function parseQuietly(der: Uint8Array): ParsedCertificate | null {
  try {
    const parsed = parseCertificateDer(der);
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}

function keyUsageText(certificate: ParsedCertificate): string {
  const extension = certificate.extensions.find((item) => item.oid === OID.keyUsage);
  if (extension === undefined) return 'none';
  const decoded = decodeExtension(extension, x509.KeyUsagesExtension);
  if (decoded === null) return 'undecodable';
  const bits: number = decoded.usages;
  const names = Object.entries(x509.KeyUsageFlags).filter(([, bit]) => typeof bit === 'number' && (bits & bit) !== 0).map(([name]) => name);
  return `${names.join(', ') || 'no bits'}${extension.critical ? ' (critical)' : ''}`;
}

function basicConstraintsText(certificate: ParsedCertificate): string {
  const extension = certificate.extensions.find((item) => item.oid === OID.basicConstraints);
  if (extension === undefined) return 'none';
  const decoded = decodeExtension(extension, x509.BasicConstraintsExtension);
  if (decoded === null) return 'undecodable';
  return `CA ${decoded.ca ? 'true' : 'false'}${decoded.pathLength === undefined ? '' : `, path length ${decoded.pathLength}`}${extension.critical ? ' (critical)' : ''}`;
}

export function cdRows(summary: CertificateSummary, der: Uint8Array | null): Row[] {
  if (!summary.present || der === null) return [{ label: 'Present', value: 'no' }];
  const decoded = decodeCertificationDeclaration(der);
  if (!decoded.ok) return [{ label: 'Problem', value: summary.error ?? decoded.error.detail ?? decoded.error.message }, { label: 'Size', value: `${der.length} bytes` }];
  const cd = decoded.value.content;
  return [
    { label: 'Format version', value: String(cd.formatVersion) },
    { label: 'Vendor ID', value: hex4(cd.vendorId) },
    { label: 'Product IDs', value: cd.productIds.length === 0 ? 'none' : cd.productIds.map(hex4).join(', ') },
    { label: 'Device type', value: `0x${cd.deviceTypeId.toString(16).toUpperCase().padStart(4, '0')} (${cd.deviceTypeId})` },
    { label: 'Certificate ID', value: cd.certificateId },
    { label: 'Security level', value: String(cd.securityLevel) },
    { label: 'Security information', value: String(cd.securityInformation) },
    { label: 'Version number', value: String(cd.versionNumber) },
    { label: 'Certification type', value: `${cd.certificationType} (${certificationTypeName(cd.certificationType)})` },
    { label: 'DAC origin', value: cd.dacOriginVendorId === undefined ? 'none' : `vendor ${hex4(cd.dacOriginVendorId)}, product ${hex4(cd.dacOriginProductId ?? 0)}` },
    { label: 'Authorized PAAs', value: cd.authorizedPaaList === undefined ? 'any (no list)' : cd.authorizedPaaList.map((id) => colonHex(id)).join('; ') || 'none' },
    { label: 'Signer key ID', value: colonHex(decoded.value.signerKeyId) },
    { label: 'Size', value: `${der.length} bytes` },
  ];
}

/** The factory values read; the unique id and the passcode are secrets of the device, so only their presence shows. */
export function commissioningRows(readback: DeviceReadback): Row[] {
  const data: FactoryData = readback.parsed?.factoryData ?? {};
  const present = (value: unknown): string => (value === undefined ? 'no' : 'yes');
  return [
    { label: 'Serial number', value: shown(data.serialNumber) },
    { label: 'Discriminator', value: data.discriminator === undefined ? 'missing' : `${data.discriminator} (${hex4(data.discriminator)})` },
    { label: 'Iterations', value: shown(data.spake2pIterations) },
    { label: 'Salt', value: shown(data.spake2pSalt) },
    { label: 'Verifier present', value: present(data.spake2pVerifier) },
    { label: 'Passcode present', value: present(data.passcode) },
    { label: 'Unique ID present', value: present(data.uniqueId) },
    { label: 'Vendor ID', value: data.vendorId === undefined ? 'missing' : hex4(data.vendorId) },
    { label: 'Product ID', value: data.productId === undefined ? 'missing' : hex4(data.productId) },
    { label: 'Vendor name', value: shown(data.vendorName) },
    { label: 'Product name', value: shown(data.productName) },
    { label: 'Hardware version', value: data.hardwareVersionString ?? shown(data.hardwareVersion) },
    { label: 'Manufacturing date', value: shown(data.manufacturingDate) },
    { label: 'Commissioning flow', value: shown(data.commissioningFlow) },
    { label: 'Discovery capabilities', value: shown(data.discoveryCapabilities) },
    { label: 'Part', value: readback.identity?.partNumber ?? shown(data.partNumber) },
    { label: 'EUI-64', value: readback.eui64 === null ? 'unknown' : readback.eui64.toUpperCase() },
    { label: 'Storage layout', value: readback.parsed?.layout ?? 'none read' },
  ];
}

export function lockStateText(readback: DeviceReadback): string {
  const { lock, lockState } = readback;
  if (lockState === 'none') return lock.locked ? 'Locked (debug port closed)' : 'Open: no debug lock';
  const mode = `${lockState[0]?.toUpperCase() ?? ''}${lockState.slice(1)} debug lock`;
  return `${mode}, ${lock.locked ? 'in effect (debug port closed)' : 'configured, in effect after the next reset'}`;
}

/** The onboarding codes the values read make (what the firmware advertises), for comparing with the label on record. */
function onBoardCodes(data: FactoryData): { qr: string; manual: string } {
  if (data.vendorId === undefined || data.productId === undefined || data.discriminator === undefined || data.passcode === undefined) return { qr: 'missing', manual: 'missing' };
  const payload: SetupPayload = { version: 0, vendorId: data.vendorId, productId: data.productId, flow: data.commissioningFlow ?? 0, capabilities: data.discoveryCapabilities ?? 0, discriminator: data.discriminator, passcode: data.passcode };
  const qr = encodeQrCode(payload, { mode: 'consume' });
  const manual = encodeManualCode(payload);
  return { qr: qr.ok ? qr.value : 'cannot be made', manual: manual.ok ? manual.value : 'cannot be made' };
}

/** The record against the board, field by field; fields the record lacks are left out. */
export function compareForReading(readback: DeviceReadback, record: DeviceRecordExpectation): Comparison[] {
  const data: FactoryData = readback.parsed?.factoryData ?? {};
  const rows: Comparison[] = [];
  const add = (field: string, recorded: string, onBoard: string, match = recorded === onBoard) => rows.push({ field, recorded, onBoard, match });
  add('Serial number', record.serialNumber, shown(data.serialNumber));
  add('Discriminator', String(record.discriminator), shown(data.discriminator));
  add('Iterations', String(record.iterations), shown(data.spake2pIterations));
  add('Salt', record.saltBase64, shown(data.spake2pSalt), data.spake2pSalt !== undefined && sameSalt(data.spake2pSalt, record.saltBase64));
  if (record.dacDer !== undefined) {
    const dac = readback.parsed?.files.dac ?? null;
    add('DAC (SHA-256)', sha256(record.dacDer), dac === null ? 'missing' : sha256(dac));
  }
  if (record.uniqueIdSha256 !== undefined) {
    add('Unique ID (SHA-256)', record.uniqueIdSha256.toLowerCase(), data.uniqueId === undefined ? 'missing' : uniqueIdSha256(data.uniqueId));
  }
  const codes = onBoardCodes(data);
  if (record.qrPayload !== undefined) add('QR payload', record.qrPayload.trim(), codes.qr);
  if (record.manualCode !== undefined) add('Manual code', record.manualCode.replace(/[\s-]/g, ''), codes.manual);
  if (record.eui64 !== undefined) add('EUI-64', record.eui64.toUpperCase(), readback.eui64 === null ? 'unknown' : readback.eui64.toUpperCase());
  return rows;
}
