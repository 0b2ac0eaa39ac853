/**
 * The issued-DAC bundle of a lot (docs/records.md): a folder holding one DER file per issued DAC,
 * named by its DAC serial (hex is always a safe file name, serial numbers may not be), and
 * manifest.json listing each with its device, SKID, chip and SHA-256. Every DAC the station
 * recorded is included, failed devices' too: a DAC that was issued may exist on a board.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failure, success, type Result } from '../../../preload/contract/errors';
import type { StationDatabase } from '../../store/database';

export const DAC_BUNDLE_FORMAT = 'matterline.dac-bundle';
export const DAC_BUNDLE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

export interface DacBundleEntry {
  readonly file: string;
  readonly serialNumber: string;
  readonly dacSerial: string;
  readonly dacSkid: string | null;
  readonly eui64: string | null;
  readonly deviceStatus: string;
  /** SHA-256 hex of the DER file. */
  readonly sha256: string;
}

export interface DacBundleManifest {
  readonly format: typeof DAC_BUNDLE_FORMAT;
  readonly version: typeof DAC_BUNDLE_VERSION;
  readonly lot: { readonly id: number; readonly name: string; readonly configHash: string };
  readonly stationId: string;
  readonly generatedAt: string;
  readonly dacs: readonly DacBundleEntry[];
}

export interface DacBundle {
  readonly manifest: DacBundleManifest;
  /** File name → DER bytes. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export function buildDacBundle(db: StationDatabase, lotId: number, now: () => Date = () => new Date()): Result<DacBundle> {
  const lot = db.lots.get(lotId);
  if (!lot.ok) return lot;
  const files = new Map<string, Uint8Array>();
  const dacs = db.devices.listIssuedDacs(lotId).map((dac): DacBundleEntry => {
    const device = db.devices.get(dac.deviceId);
    const file = `${dac.dacSerial}.der`;
    files.set(file, dac.der);
    return {
      file,
      serialNumber: dac.serialNumber,
      dacSerial: dac.dacSerial,
      dacSkid: dac.dacSkid,
      eui64: device.ok ? device.value.uniqueChipId : null,
      deviceStatus: device.ok ? device.value.status : 'unknown',
      sha256: createHash('sha256').update(dac.der).digest('hex'),
    };
  });
  return success({
    manifest: {
      format: DAC_BUNDLE_FORMAT,
      version: DAC_BUNDLE_VERSION,
      lot: { id: lot.value.id, name: lot.value.name, configHash: lot.value.configHash },
      stationId: db.station.stationId(),
      generatedAt: now().toISOString(),
      dacs,
    },
    files,
  });
}

/** Writes the bundle into `folder`, which must be missing or empty so that no stale DAC is mixed in. */
export function writeDacBundle(folder: string, bundle: DacBundle): Result<string> {
  try {
    mkdirSync(folder, { recursive: true });
    if (readdirSync(folder).length > 0) return failure('FILE_NOT_WRITABLE', `${folder}: the folder is not empty; choose a new folder for the DAC bundle`);
    for (const [name, der] of bundle.files) writeFileSync(join(folder, name), der, { flag: 'wx' });
    writeFileSync(join(folder, MANIFEST_FILE), `${JSON.stringify(bundle.manifest, null, 2)}\n`, { flag: 'wx' });
    return success(folder);
  } catch (error) {
    return failure('FILE_NOT_WRITABLE', `${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
