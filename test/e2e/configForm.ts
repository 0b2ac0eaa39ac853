/**
 * Making a configuration in the window from the demo files the station wrote at start, as an
 * engineer would: New configuration, the product fields typed, every file picked.
 */
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The demo files the station wrote at start (main/services/demoCredentials.ts, demoConfiguration.ts). */
export function demoFiles(userDataDir: string) {
  const credentials = (name: string) => path.join(userDataDir, 'demo-credentials', name);
  const product = (name: string) => path.join(userDataDir, 'demo-product', name);
  return {
    pai: credentials('demo-pai-cert.pem'),
    paiKey: credentials('demo-pai-key.pem'),
    paa: credentials('demo-paa-cert.pem'),
    cd: credentials('demo-cd.der'),
    cdSigner: credentials('demo-cd-signing-cert.pem'),
    cdSignerKey: credentials('demo-cd-signing-key.pem'),
    agent: product('demo-agent.s37'),
    firmware: product('demo-firmware.s37'),
  };
}

export async function openConfigurations(page: Page): Promise<void> {
  await page.getByTestId('nav-configurations').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Configurations');
}

/** New configuration, the product fields typed, every file picked (the CD given). */
export async function makeConfiguration(page: Page, userDataDir: string, name: string, cd: string): Promise<void> {
  const files = demoFiles(userDataDir);
  await page.getByTestId('config-new').click();
  await expect(page.getByRole('heading', { level: 2, name: 'New configuration' })).toBeFocused();
  await expect(page.getByTestId('config-save')).toHaveAttribute('aria-disabled', 'true');

  await page.getByLabel('Configuration name', { exact: true }).fill(name);
  await page.getByLabel('Vendor ID (VID)', { exact: true }).fill('FFF1');
  await page.getByLabel('Product ID (PID)', { exact: true }).fill('0x8000');
  await page.getByLabel('Vendor name', { exact: true }).fill('Acme');
  await page.getByLabel('Product name', { exact: true }).fill('Porch Light');

  await page.getByTestId('config-agent-file-file').setInputFiles(files.agent);
  await expect(page.getByTestId('config-agent-file-current')).toContainText('demo-agent.s37');
  await page.getByTestId('config-productionFirmware-file-file').setInputFiles(files.firmware);
  await page.getByTestId('config-attestation-paiCertificate-file').setInputFiles(files.pai);
  await page.getByTestId('config-attestation-paiKey-file-file').setInputFiles(files.paiKey);
  await page.getByTestId('config-attestation-trustStore-file').setInputFiles([files.paa]);
  await page.getByTestId('config-attestation-certificationDeclaration-file').setInputFiles(cd);
  await page.getByTestId('config-attestation-cdSigningCertificates-file').setInputFiles([files.cdSigner]);
  await expect(page.getByTestId('config-attestation-cdSigningCertificates-current')).toContainText('demo-cd-signing-cert.pem');

  // The PAI is scoped to FFF1/8000: both fields are filled from it and locked.
  await expect(page.getByTestId('config-matter-vendorId-lock')).toHaveText('Fixed by the PAI.');
  await expect(page.getByTestId('config-matter-productId-lock')).toHaveText('Fixed by the PAI.');
  await expect(page.getByTestId('config-matter-vendorId')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('config-matter-vendorId')).toHaveValue(/^(0x)?FFF1$/i);
}

