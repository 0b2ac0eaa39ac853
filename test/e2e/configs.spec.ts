/**
 * Configurations as an engineer, QA and a technician meet them in the window: the engineer makes a
 * configuration from the demo files (picked from the station's user-data folder) and saves it as a
 * draft; a CD of another vendor than the PAI puts its sentence on the CD field and keeps Save
 * disabled; an approved configuration opens read-only, frozen with its hash, and a new version
 * starts from it; QA only looks; a technician cannot reach the editor, not even by calling main.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expectAccessible } from './accessibility';
import { demoFiles, makeConfiguration, openConfigurations } from './configForm';
import { addOperatorWithCli, createFirstEngineer, screenshotPath, signIn } from './signIn';
import { expect, test } from './station';

const root = path.resolve(import.meta.dirname, '../..');
const quinn = { name: 'Quinn', pin: '482916' };
const tess = { name: 'Tess', pin: '135790' };

function cli(databasePath: string, userDataDir: string, args: readonly string[]): void {
  execFileSync(process.execPath, [path.join(root, 'bin/matterline.js'), '--db', databasePath, '--user-data-dir', userDataDir, ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

test('engineer makes a configuration from the demo files and saves it as a draft', async ({ station }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 900 });
  await createFirstEngineer(page);
  await openConfigurations(page);

  // The demo configuration the station saved at start is listed.
  const demo = page.getByTestId('config-row-Matterline demo light-v1');
  await expect(demo.getByTestId('config-status')).toHaveAttribute('data-status', 'draft');
  await expect(demo.getByTestId('config-vid-pid')).toHaveText('0xFFF1 / 0x8000');
  await expect(demo.getByTestId('config-hash')).toHaveText(/^[0-9a-f]{12}$/);
  await page.screenshot({ path: screenshotPath('configurations'), fullPage: true });
  await expectAccessible(page, 'configurations-list', testInfo);

  await makeConfiguration(page, station.userDataDir, 'Porch light', demoFiles(station.userDataDir).cd);
  await expect(page.getByTestId('config-summary-count')).toHaveText('Nothing blocks saving.');
  await expect(page.getByTestId('config-save')).toHaveAttribute('aria-disabled', 'false');

  // A station-made key on this Secure Vault part is a warning that blocks until it is accepted.
  const accept = page.getByTestId('config-security-acknowledgeHostKeyOnSecureVault');
  await expect(accept).toHaveCount(0);
  await page.getByLabel('Key mode', { exact: true }).selectOption('host');
  await expect(page.getByTestId('config-keyMode-problem').locator('[data-code="CONFIG_HOST_KEY_ON_SECURE_VAULT"]')).toHaveText(/^Warning: .+/);
  await expect(page.getByTestId('config-summary-count')).toHaveText('1 problem blocks saving.');
  await expect(page.getByTestId('config-save')).toHaveAttribute('aria-disabled', 'true');
  await accept.check();
  await expect(page.getByTestId('config-keyMode-problem').locator('[data-code="CONFIG_HOST_KEY_ON_SECURE_VAULT"]')).toHaveText(/^Accepted warning: .+/);
  await expect(page.getByTestId('config-summary-count')).toHaveText('Nothing blocks saving.');
  await page.getByLabel('Key mode', { exact: true }).selectOption('on-chip');
  await accept.uncheck();
  await expect(accept).toHaveCount(0);
  await expect(page.getByTestId('config-summary-count')).toHaveText('Nothing blocks saving.');
  await expect(page.getByTestId('config-save')).toHaveAttribute('aria-disabled', 'false');

  // Enter in a field saves nothing: saving is the explicit button.
  await page.getByLabel('Product name', { exact: true }).press('Enter');
  await expect(page.getByTestId('config-editor')).toBeVisible();
  await page.screenshot({ path: screenshotPath('configurations-editor'), fullPage: true });

  await page.getByTestId('config-save').click();
  await expect(page.getByTestId('config-saved')).toHaveText('Saved Porch light v1 as a draft.');
  const saved = page.getByTestId('config-row-Porch light-v1');
  await expect(saved.getByTestId('config-status')).toHaveAttribute('data-status', 'draft');
  await expect(saved.getByTestId('config-part')).toHaveText('EFR32MG24B210F1536IM48');
  await expect(saved.getByTestId('config-vid-pid')).toHaveText('0xFFF1 / 0x8000');

  // Opened, a draft is read-only too; the engineer may start a new version from it.
  await saved.getByTestId('config-open').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Porch light v1' })).toBeFocused();
  await expect(page.getByTestId('config-detail-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('config-frozen-note')).toHaveCount(0);
  await expect(page.getByTestId('config-detail-content')).toContainText('demo-pai-cert.pem');
  await page.getByTestId('config-detail-back').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Saved configurations' })).toBeFocused();

  // A Silicon Labs provision-tool JSON becomes a draft in the editor, with what it did not take over.
  const latest = testInfo.outputPath('latest.json');
  fs.writeFileSync(
    latest,
    JSON.stringify({
      version: '2.8',
      options: { device: 'EFR32MG24B210F1536IM48', csr_mode: true },
      matter: {
        instance_info: { vendor_id: '0xFFF1', vendor_name: 'Acme', product_id: '0x8000', product_name: 'Garden Light', serial_number: 'SN-1' },
        commissionable_data: { passcode: 20202021, iterations: 15000 },
      },
    }),
  );
  await page.getByTestId('config-import-file').setInputFiles(latest);
  await expect(page.getByRole('heading', { level: 2, name: 'Imported from latest.json' })).toBeFocused();
  await expect(page.getByTestId('config-import-notes')).toContainText('passcode');
  await expect(page.getByLabel('Product name', { exact: true })).toHaveValue('Garden Light');
  await expect(page.getByLabel('SPAKE2+ iterations', { exact: true })).toHaveValue('15000');
  await expect(page.getByTestId('config-save')).toHaveAttribute('aria-disabled', 'true');
  expect(station.consoleErrors).toEqual([]);
});

test('a CD of another vendor than the PAI is named on the CD field and Save stays disabled', async ({ station }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 900 });
  await createFirstEngineer(page);
  const files = demoFiles(station.userDataDir);
  const otherVendorCd = testInfo.outputPath('other-vendor-cd.der');
  execFileSync(process.execPath, [
    path.join(root, 'bin/matterline.js'),
    'cd',
    'create',
    '--vid',
    '0xFFF2',
    '--pid',
    '0x8000',
    '--device-type',
    '0x0100',
    '--certificate-id',
    'MLD00000000000000-9',
    '--signer-cert',
    files.cdSigner,
    '--signer-key',
    files.cdSignerKey,
    '--out',
    otherVendorCd,
  ]);
  await openConfigurations(page);
  await makeConfiguration(page, station.userDataDir, 'Wrong vendor light', otherVendorCd);

  const cdProblem = page.getByTestId('config-attestation-certificationDeclaration-problem');
  await expect(cdProblem.locator('[data-code="CONFIG_CD_MISMATCH"]')).toHaveText(/^Error: .+/);
  await expect(page.getByTestId('config-summary-count')).toHaveText(/^\d+ problems? blocks? saving\.$/);
  await expect(page.getByTestId('config-save')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('config-save-why')).toHaveText(/block saving|blocks saving/);

  // From the keyboard, Save refuses at once and takes the engineer to the first problem.
  await page.getByTestId('config-save').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('config-attestation-certificationDeclaration-file')).toBeFocused();
  await expect(page.getByTestId('config-editor')).toBeVisible();
  await page.screenshot({ path: screenshotPath('configurations-problems'), fullPage: true });
  await expectAccessible(page, 'configurations-editor-problems', testInfo);
  expect(station.consoleErrors).toEqual([]);
});

test('an approved configuration is frozen; QA only looks; a technician cannot reach the editor', async ({ station }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 900 });
  await createFirstEngineer(page);

  // A sample lot of one on the demo configuration, run and approved from a terminal: the configuration is frozen.
  const { databasePath, userDataDir } = station;
  cli(databasePath, userDataDir, ['lot', 'create', '--config', path.join(userDataDir, 'demo-product', 'demo-product.json'), '--name', 'S-1', '--quantity', '1']);
  cli(databasePath, userDataDir, ['lot', 'run', 'S-1', '--probe', 'sim:EFR32MG24B210F1536IM48']);
  addOperatorWithCli(databasePath, quinn, 'qa');
  cli(databasePath, userDataDir, ['lot', 'approve', 'S-1', '--operator', quinn.name, '--pin', quinn.pin, '--reason', 'Read back correctly.']);

  await openConfigurations(page);
  const demo = page.locator('[data-testid^="config-row-Matterline demo light-"][data-status="approved"]');
  await expect(demo.getByTestId('config-status')).toHaveText(/approved/);
  const shortHash = await demo.getByTestId('config-hash').textContent();
  await demo.getByTestId('config-open').click();
  await expect(page.getByTestId('config-frozen-note')).toHaveText('Approved configurations are frozen; start a new version to change it.');
  await expect(page.getByTestId('config-detail-hash')).toHaveText(new RegExp(`^${shortHash ?? 'x'}[0-9a-f]{52}$`));
  await page.screenshot({ path: screenshotPath('configurations-frozen'), fullPage: true });
  await expectAccessible(page, 'configurations-frozen', testInfo);

  // A new version starts from its draft, name and files filled in.
  await page.getByTestId('config-new-version').click();
  await expect(page.getByRole('heading', { level: 2, name: 'New version of Matterline demo light (from v1)' })).toBeFocused();
  await expect(page.getByLabel('Configuration name', { exact: true })).toHaveValue('Matterline demo light');
  await expect(page.getByTestId('config-attestation-paiCertificate-current')).not.toHaveText('No file chosen yet.');
  await page.getByTestId('config-editor-cancel').click();

  // QA: the list and the read-only view, nothing to change.
  await page.getByTestId('sign-out').click();
  await signIn(page, quinn);
  await openConfigurations(page);
  await expect(page.getByTestId('config-new')).toHaveCount(0);
  await expect(page.getByTestId('config-import-file')).toHaveCount(0);
  await demo.getByTestId('config-open').click();
  await expect(page.getByTestId('config-frozen-note')).toBeVisible();
  await expect(page.getByTestId('config-new-version')).toHaveCount(0);

  // A technician: no Configurations link, the address shows the default section, and main refuses the call.
  await page.getByTestId('sign-out').click();
  addOperatorWithCli(databasePath, tess, 'technician');
  await signIn(page, tess);
  await expect(page.getByTestId('nav-lots')).toBeVisible();
  await expect(page.getByTestId('nav-configurations')).toHaveCount(0);
  await page.evaluate(() => {
    window.location.hash = '#/configurations';
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Preflight');
  await expect(page.getByTestId('screen-configurations')).toHaveCount(0);
  const refused = await page.evaluate(() => window.matterline.configs.blank());
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.code).toBe('SESSION_ROLE_FORBIDDEN');
  expect(station.consoleErrors).toEqual([]);
});
