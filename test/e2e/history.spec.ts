/**
 * History as QA and engineers use it: a sample lot is made in the window and run from a terminal
 * (`matterline lot run` on a simulated probe, same database); a technician signs in, opens History,
 * finds a device by its serial number (Enter searches), opens it from the keyboard and sees its
 * attempt with every step passed; saves the lot's CSV report through the window, which has a row per
 * device; and reads the throughput and yield charts, whose numbers are also in tables.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expectAccessible } from './accessibility';
import { addOperatorWithCli, createFirstEngineer, screenshotPath, signIn } from './signIn';
import { createLot } from './lotForm';
import { expect, test } from './station';

const root = path.resolve(import.meta.dirname, '../..');
const tess = { name: 'Tess', pin: '135790' };

function cli(databasePath: string, userDataDir: string, args: readonly string[]): string {
  return execFileSync(process.execPath, [path.join(root, 'bin/matterline.js'), '--db', databasePath, '--user-data-dir', userDataDir, ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  }).toString();
}

test('a technician finds a device by serial, sees its steps, saves the lot report and reads the charts', async ({ station }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 900 });

  // The engineer makes sample lot H-1 of three; it runs from a terminal; a technician is added.
  await createFirstEngineer(page);
  await createLot(page, { name: 'H-1', quantity: 3 });
  cli(station.databasePath, station.userDataDir, ['lot', 'run', 'H-1', '--probe', 'sim:EFR32MG24B210F1536IM48']);
  addOperatorWithCli(station.databasePath, tess, 'technician');
  const serials = cli(station.databasePath, station.userDataDir, ['lot', 'report', 'H-1', '--format', 'csv'])
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',')[0]!);
  expect(serials).toHaveLength(3);
  const serial = serials[1]!;

  await page.getByTestId('sign-out').click();
  await signIn(page, tess);
  await page.getByTestId('nav-history').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(page.getByTestId('history-detail-none')).toBeVisible();

  // Too short: the sentence under the field, nothing searched.
  const field = page.getByLabel('Serial number, EUI-64, DAC serial or QR payload');
  await field.fill('ML');
  await field.press('Enter');
  await expect(page.getByTestId('history-search-text-problem')).toHaveText(/at least 3 characters/);

  // The whole serial, Enter: one device, passed, in lot H-1.
  await field.fill(serial);
  await field.press('Enter');
  await expect(page.getByTestId('history-results-count')).toHaveText(`1 device matching “${serial}”, newest first.`);
  const row = page.getByTestId(`history-row-${serial}`);
  await expect(row.getByTestId('history-row-status')).toHaveText(/passed/);
  await expect(row).toContainText('H-1');

  // A prefix finds the lot's three; "%%%" finds nothing.
  await field.fill(serial.slice(0, 4));
  await field.press('Enter');
  await expect(page.getByTestId('history-result-table').locator('tbody tr')).toHaveCount(3);
  await field.fill('%%%');
  await field.press('Enter');
  await expect(page.getByTestId('history-results-count')).toHaveText('No device has a value that is or starts with “%%%”.');
  await field.fill(serial);
  await field.press('Enter');

  // Opened from the keyboard: focus lands on the device; its attempt shows every step passed or skipped, timed.
  await row.getByRole('button', { name: serial }).focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('history-detail');
  await expect(detail.getByTestId('history-detail-title')).toBeFocused();
  await expect(detail.getByTestId('history-detail-title')).toContainText(`Device ${serial}`);
  await expect(detail.getByTestId('history-detail-status')).toHaveText(/passed/);
  await expect(detail.getByTestId('history-detail-facts')).toContainText('0xFFF1 / 0x8000');
  await expect(detail.getByTestId('history-attempt')).toHaveCount(1);
  await expect(detail.getByTestId('history-attempt-result')).toHaveText(/passed/);
  for (const step of ['connect', 'identify', 'issue', 'write', 'verify', 'record']) {
    await expect(detail.getByTestId(`history-step-${step}`)).toHaveAttribute('data-state', 'pass');
    await expect(detail.getByTestId(`history-step-${step}`)).toContainText(/passed\s*\d+(\.\d)? (ms|s)/);
  }
  await expect(detail.getByTestId('history-inspections-none')).toBeVisible();
  // A passed device shows its label as it prints.
  await expect(detail.getByTestId('label-preview')).toHaveAttribute('data-state', 'ready');
  await page.screenshot({ path: screenshotPath('history-device'), fullPage: true });
  await expectAccessible(page, 'history-device', testInfo);

  // The lot report through the window: the newest lot is chosen; the saved CSV has a row per device.
  await expect(page.getByTestId('history-lot-select').locator('option:checked')).toHaveText('H-1');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^lot-\d+-h-1-report\.csv$/);
  const saved = path.join(testInfo.outputPath(), download.suggestedFilename());
  await download.saveAs(saved);
  const lines = fs.readFileSync(saved, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^serialNumber,eui64,dacSerial,/);
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(serials);
  await expect(page.getByTestId('history-export-done')).toHaveText(`Report saved as ${download.suggestedFilename()}.`);

  // The charts, named by what they show, with their numbers one click away.
  const throughput = page.getByTestId('history-throughput-chart');
  await expect(throughput).toBeVisible();
  await expect(throughput).toHaveAttribute('aria-label', /^Throughput of lot H-1: 3 passed and 0 failed over 1 hour/);
  await expect(throughput.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const yieldChart = page.getByTestId('history-yield-chart');
  await expect(yieldChart).toHaveAttribute('aria-label', 'Yield per lot, passed of finished devices: H-1 100 %.');
  await expect(yieldChart.locator('.recharts-bar-rectangle')).toHaveCount(1);
  await page.getByTestId('history-yield').getByText('Show the numbers').click();
  await expect(page.getByTestId('history-yield-table').locator('tbody tr')).toHaveText([/H-1\s*3\s*0\s*100 %/]);
  await page.screenshot({ path: screenshotPath('history-lots'), fullPage: true });
  await expectAccessible(page, 'history-lots', testInfo);
  expect(station.consoleErrors).toEqual([]);
});
