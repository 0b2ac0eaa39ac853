/**
 * Settings' two certificate folders: the station's trust store (PAA roots, read by
 * trustStoreFolders.ts like any trust folder) and its CD signing certificates. Adding a file checks
 * it first (a PAA must pass the same test the trust store applies; a CD signer must carry an EC
 * P-256 key), refuses a certificate the folder already holds, and writes it under a new name only:
 * a scratch file hard-linked into place, so a reader never sees half a file and nothing is replaced.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import type { StoredFile } from '../../preload/contract/files';
import { bytesEqual, looksLikePem, OID, parseCertificate, TrustStore, type ParsedCertificate, type TrustSource } from '../matter/certificates';
import { decodeUpload } from './fileLibrary';
import { linkNewFile } from './linkNewFile';
import { cdSignersFolder, trustStoreFolder } from './stationFolders';
import { CERTIFICATE_FILE_EXTENSIONS, loadTrustStoreFolders, MAX_TRUST_FILE_BYTES } from './trustStoreFolders';

export interface TrustStoreFolderView {
  readonly path: string;
  readonly certificates: number;
  readonly problems: string[];
}

export interface Upload {
  readonly name: string;
  readonly contentBase64: string;
}

export interface AddedCertificate {
  /** The file written, in its folder. */
  readonly file: string;
  readonly subject: string;
}

/** The station's trust store folder, with how many usable PAAs it holds and what is wrong with the rest. */
export function describeTrustStoreFolders(userDataDir: string): TrustStoreFolderView[] {
  const folder = trustStoreFolder(userDataDir);
  if (!fs.existsSync(folder)) return [{ path: folder, certificates: 0, problems: [] }];
  const loaded = loadTrustStoreFolders([folder]);
  if (loaded.ok) {
    const rejected = loaded.value.rejected.map((item) => `${path.basename(item.source)}: ${item.reason}`);
    const ignored = loaded.value.ignored.map((file) => `${path.basename(file)}: ignored, not named like a certificate (${CERTIFICATE_FILE_EXTENSIONS.join(', ')})`);
    return [{ path: folder, certificates: loaded.value.store.size, problems: [...rejected, ...ignored] }];
  }
  // An empty folder is not a problem in itself: the station just trusts nothing yet.
  if (readCertificateFiles(folder).length === 0) return [{ path: folder, certificates: 0, problems: [] }];
  const detail = loaded.error.detail ?? loaded.error.message;
  const why = detail.startsWith(`${folder}: `) ? detail.slice(folder.length + 2) : detail;
  return [{ path: folder, certificates: 0, problems: why.split('; ').map((line) => line.replaceAll(`${folder}${path.sep}`, '')) }];
}

export function addTrustedPaa(userDataDir: string, upload: Upload): Result<AddedCertificate> {
  const bytes = uploadBytes(upload, 'SETTINGS_NOT_A_PAA');
  if (!bytes.ok) return bytes;
  const parsed = parseCertificate(bytes.value);
  if (!parsed.ok) return failure('SETTINGS_NOT_A_PAA', `${upload.name}: ${parsed.error.detail ?? parsed.error.message}`);
  const candidate = TrustStore.fromCertificates([{ name: upload.name, bytes: bytes.value }]);
  const paa = candidate.paas[0];
  if (paa === undefined) return failure('SETTINGS_NOT_A_PAA', candidate.rejected.map((item) => `${item.source}: ${item.reason}`).join('; '));
  const folder = trustStoreFolder(userDataDir);
  const existing = TrustStore.fromCertificates(readCertificateFiles(folder)).findBySubjectKeyId(paa.subjectKeyId);
  if (existing !== undefined) {
    const same = bytesEqual(existing.certificate.der, paa.certificate.der);
    return failure('SETTINGS_CERTIFICATE_DUPLICATE', `${upload.name}: ${same ? 'the same PAA' : 'a PAA with the same key identifier'} is already trusted as ${path.basename(existing.source)}`);
  }
  return writeCertificate(folder, upload.name, bytes.value, parsed.value);
}

/** The CD signing certificates the station offers new configurations, by file. */
export function listCdSigners(userDataDir: string): Array<StoredFile & { subject: string }> {
  return readCertificateFiles(cdSignersFolder(userDataDir)).map((source) => {
    const parsed = parseCertificate(source.bytes);
    return {
      id: createHash('sha256').update(source.bytes).digest('hex'),
      name: path.basename(source.name),
      size: source.bytes.length,
      subject: parsed.ok ? parsed.value.subject.text : `unreadable: ${parsed.error.detail ?? parsed.error.message}`,
    };
  });
}

export function addCdSigner(userDataDir: string, upload: Upload): Result<AddedCertificate> {
  const bytes = uploadBytes(upload, 'SETTINGS_CD_SIGNER_INVALID');
  if (!bytes.ok) return bytes;
  const parsed = parseCertificate(bytes.value);
  if (!parsed.ok) return failure('SETTINGS_CD_SIGNER_INVALID', `${upload.name}: ${parsed.error.detail ?? parsed.error.message}`);
  const key = parsed.value.publicKey;
  if (key.algorithm !== OID.ecPublicKey || key.curve !== OID.prime256v1) {
    return failure('SETTINGS_CD_SIGNER_INVALID', `${upload.name}: its key is ${key.algorithm === OID.ecPublicKey ? `EC on curve ${key.curve ?? 'unknown'}` : `not an EC key (${key.algorithm})`}`);
  }
  const folder = cdSignersFolder(userDataDir);
  for (const source of readCertificateFiles(folder)) {
    const other = parseCertificate(source.bytes);
    if (other.ok && bytesEqual(other.value.der, parsed.value.der)) {
      return failure('SETTINGS_CERTIFICATE_DUPLICATE', `${upload.name}: already held as ${path.basename(source.name)}`);
    }
  }
  return writeCertificate(folder, upload.name, bytes.value, parsed.value);
}

/** The upload's bytes (the file library's strict decoder, at a certificate's size limit); an empty file is not a certificate. */
function uploadBytes(upload: Upload, code: 'SETTINGS_NOT_A_PAA' | 'SETTINGS_CD_SIGNER_INVALID'): Result<Uint8Array> {
  const bytes = decodeUpload(upload, MAX_TRUST_FILE_BYTES);
  if (!bytes.ok) return bytes;
  return bytes.value.length === 0 ? failure(code, `${upload.name}: the file is empty`) : bytes;
}

/** Certificate-named files at the top of `folder` (none when it does not exist yet); unreadable ones are skipped. */
function readCertificateFiles(folder: string): TrustSource[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder).sort();
  } catch {
    return [];
  }
  const sources: TrustSource[] = [];
  for (const name of names) {
    if (!CERTIFICATE_FILE_EXTENSIONS.includes(path.extname(name).toLowerCase())) continue;
    const file = path.join(folder, name);
    try {
      if (!fs.statSync(file).isFile()) continue;
      sources.push({ name: file, bytes: new Uint8Array(fs.readFileSync(file)) });
    } catch {
      // Listed with its problem by the trust store reader; here it just cannot be a duplicate.
    }
  }
  return sources;
}

/** `<folder>/<name>.pem|.der`, from the picked name (or the subject's CN), never replacing a file. */
function writeCertificate(folder: string, uploadName: string, bytes: Uint8Array, certificate: ParsedCertificate): Result<AddedCertificate> {
  const extension = looksLikePem(bytes) ? '.pem' : '.der';
  const base = safeBaseName(uploadName, certificate);
  try {
    const written = linkNewFile(folder, bytes, 0o644, (attempt) => (attempt > 100 ? null : path.join(folder, `${base}${attempt === 1 ? '' : `-${attempt}`}${extension}`)));
    if (written === 'exists') return failure('FILE_NOT_WRITABLE', `${folder}: no free name for ${base}${extension}`);
    return success({ file: written.file, subject: certificate.subject.text });
  } catch (error) {
    return failure('FILE_NOT_WRITABLE', `${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function safeBaseName(uploadName: string, certificate: ParsedCertificate): string {
  const picked = path.basename(uploadName).replace(/\.(pem|der|crt|cer)$/i, '');
  const fromName = picked.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 80);
  if (fromName !== '') return fromName;
  const commonName = certificate.subject.attributes.find((attribute) => attribute.oid === OID.commonName)?.value ?? 'certificate';
  return commonName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 80) || 'certificate';
}
