/**
 * The whole job through the window, as a new team would do it on a fresh station: the engineer adds
 * a QA inspector, makes a configuration from the demo files, a sample lot of 3 and runs it on the
 * simulated probe (all PASS); QA reads one device back and approves the lot, which freezes the
 * configuration; the engineer makes a production lot of 5 on it and runs it on two simulated probes;
 * the lot report is exported and History finds a device by its serial number.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { demoFiles, makeConfiguration, openConfigurations } from './configForm';
import { createFirstEngineer, firstEngineer, screenshotPath, signIn } from './signIn';
import { createLot } from './lotForm';
import { expect, test } from './station';

const quinn = { name: 'Quinn', pin: '482916' };

async function runLot(page: Page, label: string, probeIds: readonly string[]): Promise<void> {
  await page.getByTestId('nav-station').click();
  await page.getByLabel('Lot', { exact: true }).selectOption({ label });
  for (const id of probeIds) await page.getByTestId(`station-probe-${id}`).getByRole('checkbox').check();
  await page.getByTestId('station-start-button').click();
}

test('engineer → configuration → sample lot → run → QA read-back and approval → production lot on two probes → report → history', async ({ station }, testInfo) => {
  test.setTimeout(300_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await createFirstEngineer(page);

  // A QA inspector, added in Settings.
  await page.getByTestId('nav-settings').click();
  await page.getByLabel('Name', { exact: true }).fill(quinn.name);
  await page.getByRole('radio', { name: /^QA/ }).check();
  await page.getByLabel('PIN', { exact: true }).fill(quinn.pin);
  await page.getByLabel('PIN again', { exact: true }).fill(quinn.pin);
  await page.getByLabel('PIN again', { exact: true }).press('Enter');
  await expect(page.getByTestId('operator-add-done')).toHaveText(/^Quinn added as QA/);

  // The configuration, from the demo files.
  await openConfigurations(page);
  await makeConfiguration(page, station.userDataDir, 'Porch light', demoFiles(station.userDataDir).cd);
  await expect(page.getByTestId('config-summary-count')).toHaveText('Nothing blocks saving.');
  await page.getByTestId('config-save').click();
  await expect(page.getByTestId('config-saved')).toHaveText('Saved Porch light v1 as a draft.');

  // A sample lot of 3 on it, run on the simulated probe: all PASS, the lot awaits QA.
  await createLot(page, { name: 'W-S', kind: 'sample', quantity: 3, configuration: 'Porch light v1 (draft)' });
  await runLot(page, 'W-S (0/3)', ['sim-1']);
  await expect(page.getByTestId('run-summary-text')).toHaveText('Lot W-S: 3/3 passed — awaiting QA', { timeout: 90_000 });
  await expect(page.getByTestId('probe-panel-sim-1').getByTestId('probe-failed')).toHaveText('0 failed');

  // QA reads the newest device back (every check passes, the record matches) and approves the lot.
  await page.getByTestId('sign-out').click();
  await signIn(page, quinn);
  await page.getByTestId('nav-qa').click();
  const board = page.getByTestId('qa-chooser').getByRole('radio').first();
  await board.focus();
  await board.press('Enter');
  await expect(page.getByTestId('qa-verdict')).toHaveAttribute('data-result', 'pass', { timeout: 60_000 });
  await expect(page.getByTestId('qa-verdict')).toContainText('in lot W-S');
  await expect(page.getByTestId('qa-checks').locator('tbody tr[data-status="fail"]')).toHaveCount(0);
  await page.getByTestId('nav-lots').click();
  const decision = page.getByTestId('lot-decision-W-S');
  await decision.getByLabel('QA notes').fill('Read back one of three: every check passed.');
  await decision.getByTestId('lot-approve').click();
  await expect(page.getByTestId('lot-decided')).toHaveText('Lot W-S approved.');
  await expect(page.getByTestId('lot-row-W-S').getByTestId('lot-configuration-state')).toHaveText(/^approved · frozen [0-9a-f]{12}$/);

  // The engineer makes a production lot of 5 on the approved configuration and runs it on two probes.
  await page.getByTestId('sign-out').click();
  await signIn(page, firstEngineer);
  await createLot(page, { name: 'W-P', kind: 'production', quantity: 5, configuration: 'Porch light v1 (approved)' });
  await runLot(page, 'W-P (0/5)', ['sim-1', 'sim-2']);
  await expect(page.getByTestId('run-summary-text')).toHaveText(/^Lot W-P: 5\/5 passed — /, { timeout: 120_000 });
  const passedOn = async (id: string) => Number((await page.getByTestId(`probe-panel-${id}`).getByTestId('probe-passed').innerText()).split(' ')[0]);
  expect((await passedOn('sim-1')) + (await passedOn('sim-2'))).toBe(5);
  const serial = await page.getByTestId('probe-panel-sim-2').getByTestId('probe-serial').innerText();
  await page.screenshot({ path: screenshotPath('workflow-production'), fullPage: true });

  // The production lot's report, saved through the window: a row per device, all passed.
  await page.getByTestId('nav-history').click();
  await page.getByTestId('history-lot-select').selectOption({ label: 'W-P' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export-csv').click()]);
  const saved = path.join(testInfo.outputPath(), download.suggestedFilename());
  await download.saveAs(saved);
  const rows = fs.readFileSync(saved, 'utf8').trimEnd().split('\r\n').slice(1);
  expect(rows).toHaveLength(5);
  expect(rows.some((row) => row.startsWith(`${serial},`))).toBe(true);

  // History finds the device by its serial, with its attempt and steps.
  const field = page.getByLabel('Serial number, EUI-64, DAC serial or QR payload');
  await field.fill(serial);
  await field.press('Enter');
  await expect(page.getByTestId('history-results-count')).toHaveText(`1 device matching “${serial}”, newest first.`);
  await page.getByTestId(`history-row-${serial}`).getByRole('button', { name: serial }).click();
  await expect(page.getByTestId('history-detail').getByTestId('history-detail-status')).toHaveText(/passed/);
  await expect(page.getByTestId('history-detail').getByTestId('history-attempt')).toHaveCount(1);
  await expectAccessible(page, 'workflow-history', testInfo);
  expect(station.consoleErrors).toEqual([]);
});
