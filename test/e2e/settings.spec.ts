/**
 * Settings as an engineer uses it: adds a technician and a QA operator, renames the station, is
 * refused a PAI in the trust store and adds the demo PAA, exports the logs (a zip with
 * versions.json naming the new station id); then QA signs in and sees the same settings read-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { errorCatalogue } from '../../preload/contract/errors';
import { expectAccessible } from './accessibility';
import { createFirstEngineer, screenshotPath, signIn } from './signIn';
import { expect, test } from './station';

const tom = { name: 'Tom', pin: '135790' };
const quinn = { name: 'Quinn', pin: '482916' };

test('engineer manages operators, station id, trust store and logs; QA sees settings read-only', async ({ station }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = station;
  const demo = path.join(station.userDataDir, 'demo-credentials');
  await page.setViewportSize({ width: 1280, height: 900 });
  await createFirstEngineer(page);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('operator-row-Erin')).toContainText('signed in here');
  await expectAccessible(page, 'settings-engineer', testInfo);

  // A technician, typed with the keyboard alone: name, role (arrow keys), PIN twice, Enter.
  await page.getByLabel('Name', { exact: true }).fill(tom.name);
  await page.getByRole('radio', { name: /Technician/ }).check();
  await page.getByLabel('PIN', { exact: true }).fill(tom.pin);
  await page.getByLabel('PIN again', { exact: true }).fill('135791');
  await page.getByLabel('PIN again', { exact: true }).press('Enter');
  await expect(page.getByTestId('operator-add-pin-again-problem')).toHaveText('Type the same PIN again.');
  await page.getByLabel('PIN again', { exact: true }).fill(tom.pin);
  await page.getByLabel('PIN again', { exact: true }).press('Enter');
  await expect(page.getByTestId('operator-add-done')).toHaveText('Tom added as Technician.');
  await expect(page.getByTestId('operator-row-Tom').getByTestId('operator-role')).toHaveText('Technician');
  await expect(page.getByTestId('operator-row-Tom').getByTestId('operator-state')).toHaveText('Active');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();

  // The same name again is refused with the catalogue's sentence.
  await page.getByLabel('Name', { exact: true }).fill('tom');
  await page.getByLabel('PIN', { exact: true }).fill(tom.pin);
  await page.getByLabel('PIN again', { exact: true }).fill(tom.pin);
  await page.getByTestId('operator-add-submit').click();
  await expect(page.getByTestId('operator-add-outcome').getByTestId('error-panel')).toContainText(errorCatalogue.SETTINGS_OPERATOR_NAME_TAKEN.message);

  await page.getByLabel('Name', { exact: true }).fill(quinn.name);
  await page.getByRole('radio', { name: /QA/ }).check();
  await page.getByLabel('PIN', { exact: true }).fill(quinn.pin);
  await page.getByLabel('PIN again', { exact: true }).fill(quinn.pin);
  await page.getByTestId('operator-add-submit').click();
  await expect(page.getByTestId('operator-add-done')).toHaveText('Quinn added as QA.');

  // Tom gets a new PIN, is deactivated and reactivated; Erin cannot deactivate herself from here.
  const tomRow = page.getByTestId('operator-row-Tom');
  await tomRow.getByTestId('operator-set-pin').click();
  await expect(page.getByLabel('New PIN for Tom', { exact: true })).toBeFocused();
  await page.keyboard.type('246802');
  await page.getByLabel('New PIN again', { exact: true }).fill('246802');
  await page.getByLabel('New PIN again', { exact: true }).press('Enter');
  await expect(page.getByTestId('operator-change-done')).toHaveText('New PIN set for Tom.');
  await expect(page.getByTestId('operator-pin-form')).toHaveCount(0);
  await tomRow.getByTestId('operator-toggle-active').click();
  await expect(tomRow.getByTestId('operator-state')).toHaveText('Inactive');
  await tomRow.getByTestId('operator-toggle-active').click();
  await expect(tomRow.getByTestId('operator-state')).toHaveText('Active');
  await expect(page.getByTestId('operator-row-Erin').getByTestId('operator-toggle-active')).toHaveCount(0);

  // The station id: a bad one gets its sentence on the field, a good one is saved.
  await page.getByLabel('Station id', { exact: true }).fill('LINE 7');
  await page.getByTestId('station-id-save').click();
  await expect(page.getByTestId('station-id-input-problem')).toHaveText('Use 1 to 16 letters, digits or hyphens, e.g. LINE-1.');
  await page.getByLabel('Station id', { exact: true }).fill('LINE-7');
  await page.getByTestId('station-id-save').click();
  await expect(page.getByTestId('settings-station-id')).toHaveText('LINE-7');

  // The trust store: a PAI is refused, the demo PAA is added and counted.
  await expect(page.getByTestId('trust-folder-count')).toHaveText('0 PAA certificates');
  await page.getByLabel('PAA certificate', { exact: true }).setInputFiles(path.join(demo, 'demo-pai-cert.pem'));
  await page.getByTestId('trust-add-submit').click();
  await expect(page.getByTestId('trust-add-outcome').getByTestId('error-panel')).toContainText(errorCatalogue.SETTINGS_NOT_A_PAA.message);
  await page.getByLabel('PAA certificate', { exact: true }).setInputFiles(path.join(demo, 'demo-paa-cert.pem'));
  await page.getByTestId('trust-add-submit').click();
  await expect(page.getByTestId('trust-add-done')).toHaveText('demo-paa-cert.pem added.');
  await expect(page.getByTestId('trust-folder-count')).toHaveText('1 PAA certificate');
  expect(fs.readdirSync(path.join(station.userDataDir, 'trust-store'))).toEqual(['demo-paa-cert.pem']);
  await expectAccessible(page, 'settings-engineer-changed', testInfo);
  await page.screenshot({ path: screenshotPath('settings-engineer'), fullPage: true });

  // Logs: one click, a zip whose versions.json names this station.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-logs').click()]);
  expect(download.suggestedFilename()).toMatch(/^matterline-logs-LINE-7-\d{8}-\d{6}\.zip$/);
  const zipped = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const versions = JSON.parse(strFromU8(zipped['versions.json'] as Uint8Array)) as { stationId: string; matterline: string };
  expect(versions.stationId).toBe('LINE-7');
  expect(Object.keys(zipped)).toEqual(expect.arrayContaining(['versions.json', 'audit-head.json', 'logs/matterline.log']));
  await expect(page.getByTestId('export-logs-done')).toContainText('Saved matterline-logs-LINE-7-');

  // QA: everything visible, nothing to change.
  await page.getByTestId('sign-out').click();
  await signIn(page, quinn);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-read-only-banner')).toContainText('only an engineer can change settings');
  await expect(page.getByTestId('operator-row-Tom')).toBeVisible();
  await expect(page.getByTestId('settings-station-id')).toHaveText('LINE-7');
  await expect(page.getByTestId('trust-folder-count')).toHaveText('1 PAA certificate');
  for (const form of ['operator-add-form', 'station-id-form', 'trust-add-form', 'cd-add-form', 'jlink-form', 'label-form']) {
    await expect(page.getByTestId(form)).toHaveCount(0);
  }
  await expect(page.getByTestId('operator-toggle-active')).toHaveCount(0);
  await expect(page.getByTestId('export-logs')).toBeVisible();
  await expectAccessible(page, 'settings-qa', testInfo);
  await page.screenshot({ path: screenshotPath('settings-qa'), fullPage: true });

  expect(station.consoleErrors).toEqual([]);
});
