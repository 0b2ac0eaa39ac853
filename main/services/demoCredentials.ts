/**
 * The demo's own test attestation hierarchy, made with Matterline's code on first run so the
 * embedded default works offline with nothing to download: a test PAA (VID 0xFFF1), a PAI scoped to
 * VID 0xFFF1 / PID 0x8000, a CD signing certificate and a development CD for that product.
 *
 * It lives in `<user-data>/demo-credentials/` and is never regenerated once complete: DACs already
 * issued chain to this PAA, and replacing it would orphan them. It is created all at once
 * (atomicFolder.ts); a folder found incomplete anyway is reported, not overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { failure, success, type Result } from '../../preload/contract/errors';
import { createCertificationDeclaration, type CdContent } from '../matter/cd';
import { createCdSigningCertificate, createPai, createTestPaa } from '../matter/dac';
import { createFolderAtomically } from './atomicFolder';

export const DEMO_VENDOR_ID = 0xfff1;
export const DEMO_PRODUCT_ID = 0x8000;
export const DEMO_FOLDER = 'demo-credentials';

export const DEMO_FILES = {
  paaCertificate: 'demo-paa-cert.pem',
  paiCertificate: 'demo-pai-cert.pem',
  paiKey: 'demo-pai-key.pem',
  cdSigningCertificate: 'demo-cd-signing-cert.pem',
  cdSigningKey: 'demo-cd-signing-key.pem',
  certificationDeclaration: 'demo-cd.der',
} as const;

export type DemoCredentialFiles = { readonly folder: string } & { readonly [K in keyof typeof DEMO_FILES]: string };

/** What the demo CD says: a development declaration for the demo product (an on/off light). */
export const DEMO_CD_CONTENT: CdContent = {
  formatVersion: 1,
  vendorId: DEMO_VENDOR_ID,
  productIds: [DEMO_PRODUCT_ID],
  deviceTypeId: 0x0100,
  certificateId: 'MLD00000000000000-0',
  securityLevel: 0,
  securityInformation: 0,
  versionNumber: 1,
  certificationType: 0,
};

const PRIVATE_FILE_MODE = 0o600;

export async function ensureDemoCredentials(userDataDir: string, now: Date = new Date()): Promise<Result<{ files: DemoCredentialFiles; created: boolean }>> {
  const folder = path.join(userDataDir, DEMO_FOLDER);
  const files = filesIn(folder);
  if (fs.existsSync(folder)) {
    const missing = Object.entries(DEMO_FILES).filter(([key]) => !fs.existsSync(files[key as keyof typeof DEMO_FILES]));
    if (missing.length > 0) return failure('DEMO_CREDENTIALS_INCOMPLETE', `${folder}: missing ${missing.map(([, name]) => name).join(', ')}`);
    return success({ files, created: false });
  }

  const made = await makeHierarchy(now);
  if (!made.ok) return made;
  const written = createFolderAtomically(
    folder,
    Object.entries(made.value).map(([key, content]) => ({
      name: DEMO_FILES[key as keyof typeof DEMO_FILES],
      content,
      mode: key === 'paiKey' || key === 'cdSigningKey' ? PRIVATE_FILE_MODE : 0o644,
    })),
    'demo credentials',
  );
  if (!written.ok) return written;
  // Another process may have won the race and created the folder meanwhile: check that one.
  if (!written.value) return ensureDemoCredentials(userDataDir, now);
  return success({ files, created: true });
}

function filesIn(folder: string): DemoCredentialFiles {
  const entries = Object.entries(DEMO_FILES).map(([key, name]) => [key, path.join(folder, name)]);
  return { folder, ...Object.fromEntries(entries) } as DemoCredentialFiles;
}

async function makeHierarchy(now: Date): Promise<Result<{ readonly [K in keyof typeof DEMO_FILES]: string | Uint8Array }>> {
  const paa = createTestPaa({ notBefore: now, vendorId: DEMO_VENDOR_ID, commonName: 'Matterline Demo PAA' });
  const pai = createPai(paa, { notBefore: now, vendorId: DEMO_VENDOR_ID, productId: DEMO_PRODUCT_ID, commonName: 'Matterline Demo PAI' });
  const signer = createCdSigningCertificate({ notBefore: now, commonName: 'Matterline Demo CD Signing Authority' });
  const pkcs8 = signer.key.privateKey.export({ type: 'pkcs8', format: 'der' });
  const signingKey = await globalThis.crypto.subtle.importKey('pkcs8', new Uint8Array(pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const cd = await createCertificationDeclaration(DEMO_CD_CONTENT, { privateKey: signingKey, subjectKeyId: signer.key.keyId });
  if (!cd.ok) return cd;
  return success({
    paaCertificate: paa.certificatePem,
    paiCertificate: pai.certificatePem,
    paiKey: pai.privateKeyPem,
    cdSigningCertificate: signer.certificatePem,
    cdSigningKey: signer.privateKeyPem,
    certificationDeclaration: cd.value,
  });
}

