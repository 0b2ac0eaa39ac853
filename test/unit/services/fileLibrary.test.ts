// The file library: picked files kept by content under <user-data>/files/<sha256>/<name>, never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_STORED_FILE_BYTES, registerFile, storedFile, storedFilePath, storeFile, storeUpload } from '../../../main/services/fileLibrary';
import { fileLibraryFolder } from '../../../main/services/stationFolders';
import { unwrap, useTempDirs } from '../store/helpers';

const tempDir = useTempDirs();
const base64 = (text: string) => Buffer.from(text).toString('base64');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('file library', () => {
  it('keeps uploaded bytes under their SHA-256 and resolves the id to them', () => {
    const dir = tempDir();
    const stored = unwrap(storeUpload(dir, { name: 'pai-cert.pem', contentBase64: base64('PAI bytes') }));
    expect(stored).toEqual({ id: sha256('PAI bytes'), name: 'pai-cert.pem', size: 9 });
    const file = unwrap(storedFilePath(dir, stored.id));
    expect(file).toBe(path.join(fileLibraryFolder(dir), stored.id, 'pai-cert.pem'));
    expect(fs.readFileSync(file, 'utf8')).toBe('PAI bytes');
  });

  it('gives the same bytes the same id and never overwrites a kept file', () => {
    const dir = tempDir();
    const first = unwrap(storeUpload(dir, { name: 'cd.der', contentBase64: base64('declaration') }));
    const again = unwrap(storeUpload(dir, { name: 'cd.der', contentBase64: base64('declaration') }));
    expect(again).toEqual(first);
    const file = unwrap(storedFilePath(dir, first.id));
    const before = fs.statSync(file);
    // A second name for the same bytes sits beside the first; the id and its first name stay.
    const renamed = unwrap(storeFile(dir, 'cd-copy.der', new TextEncoder().encode('declaration')));
    expect(renamed.id).toBe(first.id);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['cd-copy.der', 'cd.der']);
    expect(unwrap(storedFile(dir, first.id)).name).toBe('cd.der');
    expect(fs.statSync(file).ino).toBe(before.ino);
    // Other bytes under the same name are another file, in another folder.
    const other = unwrap(storeUpload(dir, { name: 'cd.der', contentBase64: base64('another declaration') }));
    expect(other.id).not.toBe(first.id);
    expect(fs.readFileSync(file, 'utf8')).toBe('declaration');
    // No scratch file is left behind.
    expect(fs.readdirSync(path.join(fileLibraryFolder(dir), '.partial'))).toEqual([]);
  });

  it('refuses bad base64, an empty file, a too large file and a name that is a folder', () => {
    const dir = tempDir();
    const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);
    expect(code(storeUpload(dir, { name: 'a.pem', contentBase64: 'not base64!' }))).toBe('FILE_UPLOAD_NOT_BASE64');
    expect(code(storeUpload(dir, { name: 'a.pem', contentBase64: 'QUJD=' }))).toBe('FILE_UPLOAD_NOT_BASE64');
    expect(code(storeUpload(dir, { name: 'a.pem', contentBase64: '' }))).toBe('FILE_UPLOAD_EMPTY');
    expect(code(storeFile(dir, 'big.bin', new Uint8Array(MAX_STORED_FILE_BYTES + 1)))).toBe('FILE_UPLOAD_TOO_LARGE');
    expect(code(storeUpload(dir, { name: '..', contentBase64: base64('x') }))).toBe('FILE_NAME_INVALID');
    expect(fs.existsSync(fileLibraryFolder(dir))).toBe(false);
  });

  it('refuses an unknown id and registers an existing file by content', () => {
    const dir = tempDir();
    const unknown = storedFilePath(dir, 'a'.repeat(64));
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('FILE_NOT_IN_LIBRARY');
    const notAnId = storedFilePath(dir, '../etc/passwd');
    expect(notAnId.ok ? 'ok' : notAnId.error.code).toBe('FILE_NOT_IN_LIBRARY');
    const outside = path.join(dir, 'paa.pem');
    fs.writeFileSync(outside, 'PAA bytes');
    const kept = unwrap(registerFile(dir, outside));
    expect(kept).toEqual({ id: sha256('PAA bytes'), name: 'paa.pem', size: 9 });
    expect(unwrap(storedFilePath(dir, kept.id))).not.toBe(outside);
    const missing = registerFile(dir, path.join(dir, 'gone.pem'));
    expect(missing.ok ? 'ok' : missing.error.code).toBe('FILE_UNREADABLE');
  });
});
