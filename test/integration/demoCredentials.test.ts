// The demo's own attestation hierarchy: created once with Matterline's code, complete and consistent
// (a DAC issued from its PAI verifies against its PAA with its CD), and never silently replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAttestation } from '../../main/matter/attestation';
import { issueDac, prepareDacIssuer } from '../../main/matter/dac';
import { DEMO_FILES, DEMO_PRODUCT_ID, DEMO_VENDOR_ID, ensureDemoCredentials } from '../../main/services/demoCredentials';

const now = new Date('2026-11-25T12:00:00Z');
const read = (file: string) => new Uint8Array(fs.readFileSync(file));

describe('demo credentials on first run', () => {
  it('creates a PAA, a VID+PID-scoped PAI, a CD signer and a development CD that attest together', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-demo-'));
    const made = await ensureDemoCredentials(userData, now);
    if (!made.ok) throw new Error(made.error.detail ?? made.error.message);
    expect(made.value.created).toBe(true);
    const { files } = made.value;
    expect(fs.statSync(files.paiKey).mode & 0o777).toBe(0o600);
    expect(fs.statSync(files.cdSigningKey).mode & 0o777).toBe(0o600);

    const issuer = prepareDacIssuer(read(files.paiCertificate), read(files.paiKey));
    if (!issuer.ok) throw new Error(issuer.error.message);
    const dac = issueDac(issuer.value, { vendorId: DEMO_VENDOR_ID, productId: DEMO_PRODUCT_ID, now });
    if (!dac.ok) throw new Error(dac.error.message);
    const verdict = await verifyAttestation({
      dac: dac.value.certificate,
      pai: read(files.paiCertificate),
      paa: read(files.paaCertificate),
      cd: read(files.certificationDeclaration),
      cdSigners: [read(files.cdSigningCertificate)],
      now,
    });
    expect(verdict.problems).toEqual([]);
    expect(verdict).toMatchObject({ valid: true, vendorId: DEMO_VENDOR_ID, productId: DEMO_PRODUCT_ID });

    // The PAI is scoped to the demo product: it refuses another PID.
    const other = issueDac(issuer.value, { vendorId: DEMO_VENDOR_ID, productId: DEMO_PRODUCT_ID + 1, now });
    expect(!other.ok && other.error.code).toBe('DAC_SCOPE_MISMATCH');
  });

  it('keeps an existing hierarchy byte for byte on later runs', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-demo-'));
    const first = await ensureDemoCredentials(userData, now);
    if (!first.ok) throw new Error(first.error.message);
    const before = Object.values(DEMO_FILES).map((name) => fs.readFileSync(path.join(first.value.files.folder, name)).toString('hex'));
    const second = await ensureDemoCredentials(userData, new Date('2027-01-01T00:00:00Z'));
    expect(second.ok && second.value.created).toBe(false);
    const after = Object.values(DEMO_FILES).map((name) => fs.readFileSync(path.join(first.value.files.folder, name)).toString('hex'));
    expect(after).toEqual(before);
  });

  it('reports an incomplete folder instead of overwriting what is left of it', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-demo-'));
    const first = await ensureDemoCredentials(userData, now);
    if (!first.ok) throw new Error(first.error.message);
    fs.rmSync(first.value.files.paiKey);
    const paaBefore = fs.readFileSync(first.value.files.paaCertificate, 'utf8');
    const again = await ensureDemoCredentials(userData, now);
    expect(!again.ok && again.error).toMatchObject({ code: 'DEMO_CREDENTIALS_INCOMPLETE' });
    expect(!again.ok && again.error.detail).toContain(DEMO_FILES.paiKey);
    expect(fs.readFileSync(first.value.files.paaCertificate, 'utf8')).toBe(paaBefore);
  });

  it('fails with a catalogue error when the user-data folder cannot be written', async () => {
    const blocker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'matterline-demo-')), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const result = await ensureDemoCredentials(blocker, now);
    expect(!result.ok && result.error.code).toBe('FILE_NOT_WRITABLE');
  });
});
