import fs from 'node:fs';
import path from 'node:path';
import { createFirstEngineer } from './signIn';
import { expect, test } from './station';

const sections = [
  ['lots', 'Lots'],
  ['station', 'Station'],
  ['qa', 'QA'],
  ['history', 'History'],
  ['settings', 'Settings'],
  ['preflight', 'Preflight'],
] as const;

test('a new user opens the station, visits every section and sees the database check pass', async ({ station }) => {
  const { page } = station;
  await expect(page.getByTestId('app-name')).toHaveText('Matterline');
  await expect(page.getByTestId('app-host')).toHaveAttribute('data-host', station.host);
  // An engineer sees every section.
  await createFirstEngineer(page);

  for (const [id, title] of sections) {
    await page.getByTestId(`nav-${id}`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
  }

  const database = page.getByTestId('check-database');
  await expect(database.getByTestId('check-status')).toHaveAttribute('data-status', 'pass');
  await expect(database.getByTestId('check-status')).toContainText('PASS');
  await expect(database).toContainText(station.databasePath);
  await expect(page.getByTestId('preflight-summary')).toContainText('All required checks passed');
  for (const name of ['jlink-library', 'udev-rules', 'serial-ports', 'versions']) {
    await expect(page.getByTestId(`check-${name}`).getByTestId('check-status')).toHaveAttribute('data-status', /^(pass|warn)$/);
  }
  expect(station.consoleErrors).toEqual([]);
  // First run made the demo's own test hierarchy, so the embedded default works offline.
  expect(fs.readdirSync(path.join(station.userDataDir, 'demo-credentials')).sort()).toEqual(
    ['demo-cd-signing-cert.pem', 'demo-cd-signing-key.pem', 'demo-cd.der', 'demo-pai-cert.pem', 'demo-pai-key.pem', 'demo-paa-cert.pem'].sort(),
  );
});

test('the sections can be reached with the keyboard alone', async ({ station }) => {
  const { page } = station;
  await createFirstEngineer(page);
  await expect(page.getByTestId('check-database').getByTestId('check-status')).toHaveAttribute('data-status', 'pass');
  await page.getByTestId('nav-lots').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lots');
  await page.getByTestId('nav-history').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  expect(station.consoleErrors).toEqual([]);
});

test('a page without the bridge token gets nothing from the station', async ({ station }) => {
  test.skip(station.originWithoutToken === null, 'Only the browser bridge uses a token.');
  const context = await station.browser!.newContext();
  const stranger = await context.newPage();
  await stranger.goto(`${station.originWithoutToken}#/preflight`);
  await expect(stranger.getByText(/session token/)).toBeVisible();
  await expect(stranger.getByTestId('first-run-form')).toHaveCount(0);
  await expect(stranger.getByTestId('check-database')).toHaveCount(0);
  await context.close();
});
