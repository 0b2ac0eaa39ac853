/**
 * The run screen as a technician uses it: the engineer makes sample lots on the demo configuration,
 * opens Station, chooses a lot and a simulated probe and starts with Enter; three devices PASS with
 * their codes and the lot awaits QA. Then the failures a line sees: a board delivered debug-locked
 * (FAIL with the locked-part sentence), a probe unplugged during the write (FAIL naming the write
 * step), and Retry on the same probe, which finishes the lot. Last, a long lot cancelled from the
 * keyboard.
 */
import type { Page } from '@playwright/test';
import { errorCatalogue } from '../../preload/contract/errors';
import { expectAccessible } from './accessibility';
import { createFirstEngineer, screenshotPath } from './signIn';
import { createLot } from './lotForm';
import { expect, test } from './station';

async function chooseProbes(page: Page, ids: readonly string[]): Promise<void> {
  for (const id of ['sim-1', 'sim-2', 'sim-locked', 'sim-unplug']) {
    await page.getByTestId(`station-probe-${id}`).getByRole('checkbox').setChecked(ids.includes(id));
  }
}

test('a sample lot runs on a simulated probe to PASS; a locked part and an unplugged probe FAIL, and Retry finishes the lot', async ({ station }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await createFirstEngineer(page);
  await page.getByTestId('nav-lots').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lots');
  await createLot(page, { name: 'R-1', quantity: 3 });
  await createLot(page, { name: 'R-2', quantity: 1 });
  await createLot(page, { name: 'R-3', quantity: 200 });

  await page.getByTestId('nav-station').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Station');
  // Every simulated probe is offered with its note and state; nothing has run yet.
  await expect(page.getByTestId('station-probe-sim-locked')).toContainText('Each board arrives debug-locked.');
  await expect(page.getByTestId('station-probe-sim-1').getByTestId('station-probe-state')).toHaveText('sim-1 · ready');
  await expect(page.getByTestId('run-summary')).toHaveText('No run yet.');
  await expectAccessible(page, 'station-idle', testInfo);

  // R-1 on sim-1, started from the keyboard: Enter on the ticked probe.
  const lot = page.getByLabel('Lot', { exact: true });
  await lot.selectOption({ label: 'R-1 (0/3)' });
  await chooseProbes(page, ['sim-1']);
  await page.getByTestId('station-probe-sim-1').getByRole('checkbox').press('Enter');
  const sim1 = page.getByTestId('probe-panel-sim-1');
  await expect(sim1).toBeVisible();
  await expect(sim1.getByTestId('probe-passed')).toHaveText('3 passed', { timeout: 60_000 });
  await expect(sim1.getByTestId('probe-failed')).toHaveText('0 failed');
  await expect(page.getByTestId('run-summary-text')).toHaveText('Lot R-1: 3/3 passed — awaiting QA', { timeout: 15_000 });
  const result = sim1.getByTestId('device-result');
  await expect(result).toHaveAttribute('data-result', 'pass');
  await expect(result).toContainText('PASS');
  await expect(result.getByTestId('device-result-qr')).toHaveText(/^MT:[0-9A-Z.-]+$/);
  await expect(result.getByTestId('device-result-manual')).toHaveText(/^[0-9-]{11,}$/);
  await expect(result.getByTestId('device-result-serial')).toHaveText(await sim1.getByTestId('probe-serial').innerText());
  // The 14 steps of the last device, each passed (or skipped) with its time.
  await expect(sim1.getByTestId('step-list').locator('li')).toHaveCount(14);
  await expect(sim1.getByTestId('step-record')).toHaveAttribute('data-state', 'pass');
  await expect(sim1.getByTestId('step-write')).toContainText(/passed\s*\d/);
  // R-1 is complete and no longer offered.
  await expect(lot.locator('option', { hasText: 'R-1' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('station'), fullPage: true });
  await expectAccessible(page, 'station', testInfo);

  // R-2 on a board delivered debug-locked: FAIL with the catalogue's sentence; the detail one click away.
  await lot.selectOption({ label: 'R-2 (0/1)' });
  await chooseProbes(page, ['sim-locked']);
  await page.getByTestId('station-start-button').click();
  const locked = page.getByTestId('probe-panel-sim-locked');
  const lockedResult = locked.getByTestId('device-result');
  await expect(lockedResult).toHaveAttribute('data-result', 'fail', { timeout: 60_000 });
  await expect(lockedResult).toHaveAttribute('data-code', 'STATION_PART_LOCKED');
  await expect(lockedResult.getByTestId('device-result-message')).toHaveText(errorCatalogue.STATION_PART_LOCKED.message);
  await expect(lockedResult.getByTestId('device-result-fix')).toBeHidden();
  await lockedResult.getByText('Show detail').click();
  await expect(lockedResult.getByTestId('device-result-fix')).toHaveText(errorCatalogue.STATION_PART_LOCKED.fix);
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-state', 'stopped', { timeout: 60_000 });
  await expect(page.getByTestId('station-retry')).toBeVisible();
  await page.screenshot({ path: screenshotPath('station-locked'), fullPage: true });
  await expectAccessible(page, 'station-locked', testInfo);

  // The same lot on the probe whose cable is pulled during the write: FAIL naming the write step.
  await lot.selectOption({ label: 'R-2 (0/1)' });
  await chooseProbes(page, ['sim-unplug']);
  await page.getByTestId('station-start-button').click();
  const unplug = page.getByTestId('probe-panel-sim-unplug');
  const unplugResult = unplug.getByTestId('device-result');
  await expect(unplugResult).toHaveAttribute('data-result', 'fail', { timeout: 60_000 });
  await expect(unplugResult.getByTestId('device-result-reason')).toContainText('failed at “Write the credentials” (write)');
  await expect(unplug.getByTestId('step-write')).toHaveAttribute('data-state', 'fail');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-state', 'stopped', { timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('station-unplugged'), fullPage: true });

  // Retry: the same lot on the same probe, plugged back in, finishes the lot.
  await expect(page.getByTestId('station-retry')).toHaveText('Retry lot R-2 on sim-unplug');
  await page.getByTestId('station-retry').click();
  await expect(unplugResult).toHaveAttribute('data-result', 'pass', { timeout: 60_000 });
  await expect(unplug.getByTestId('probe-passed')).toHaveText('1 passed');
  await expect(page.getByTestId('run-summary-text')).toHaveText('Lot R-2: 1/1 passed — awaiting QA', { timeout: 15_000 });
  await expect(page.getByTestId('station-retry')).toHaveCount(0);
  await expectAccessible(page, 'station-retried', testInfo);

  // Cancel from the keyboard: Enter starts R-3 on sim-2 and focus lands on Cancel; Enter cancels.
  await lot.selectOption({ label: 'R-3 (0/200)' });
  await chooseProbes(page, ['sim-2']);
  await page.getByTestId('station-probe-sim-2').getByRole('checkbox').press('Enter');
  const cancel = page.getByTestId('station-cancel');
  await expect(cancel).toBeFocused();
  await expect(page.getByTestId('probe-panel-sim-2').getByTestId('probe-passed')).not.toHaveText('0 passed', { timeout: 60_000 });
  // Leaving the screen and coming back attaches to the run going on.
  await page.getByTestId('nav-lots').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lots');
  await page.getByTestId('nav-station').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Station');
  await expect(page.getByTestId('run-summary')).toHaveText('Lot R-3: running…');
  await expect(page.getByTestId('probe-panel-sim-2').getByTestId('probe-serial')).toHaveText(/^ML-/);
  await expect(page.getByTestId('station-probe-sim-2').getByRole('checkbox')).toBeChecked();
  await expect(lot.locator('option:checked')).toHaveText(/^R-3 /);
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-state', 'stopped', { timeout: 60_000 });
  await expect(page.getByTestId('run-summary-text')).toContainText(/^Lot R-3: \d+\/200 passed, \d+ failed — stopped/);
  await expect(page.getByTestId('station-retry')).toHaveText('Retry lot R-3 on sim-2');
  await expect(page.getByTestId('station-retry')).toBeFocused();
  await page.screenshot({ path: screenshotPath('station-cancelled'), fullPage: true });
  expect(station.consoleErrors).toEqual([]);
});
