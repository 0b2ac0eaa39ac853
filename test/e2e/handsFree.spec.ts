/**
 * Hands-free mode as a technician uses it at a bench: start the lot once, then only place and take
 * off boards; the station starts on each board placed, says when to swap, and ends with the lot.
 */
import { expectAccessible } from './accessibility';
import { createFirstEngineer, screenshotPath } from './signIn';
import { createLot } from './lotForm';
import { expect, test } from './station';

test('hands-free: each board placed on the bench is provisioned without pressing Start again', async ({ station }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await createFirstEngineer(page);
  await createLot(page, { name: 'HF-1', quantity: 2 });

  await page.getByTestId('nav-station').click();
  const bench = page.getByTestId('bench-sim-bench');
  await expect(bench.getByTestId('bench-board')).toHaveText('No board on the bench.');
  await page.getByLabel('Lot', { exact: true }).selectOption({ label: 'HF-1 (0/2)' });
  await page.getByTestId('station-probe-sim-bench').getByRole('checkbox').check();
  await page.getByTestId('station-hands-free').getByRole('checkbox').check();
  await page.getByTestId('station-start-button').click();

  // Nothing on the bench: the station says what it waits for, and nothing runs.
  await expect(bench.getByTestId('bench-wait')).toHaveText('Waiting for the next board: place it on the bench.', { timeout: 30_000 });
  await expectAccessible(page, 'station-hands-free-waiting', testInfo);

  const panel = page.getByTestId('probe-panel-sim-bench');
  for (const [index, expected] of ['1 passed', '2 passed'].entries()) {
    await bench.getByTestId('bench-place').click();
    await expect(panel.getByTestId('probe-passed')).toHaveText(expected, { timeout: 60_000 });
    await expect(panel.getByTestId('device-result')).toHaveAttribute('data-result', 'pass');
    if (index === 0) {
      await expect(bench.getByTestId('bench-wait')).toHaveText('Done: take the finished board off the bench.', { timeout: 15_000 });
      await page.screenshot({ path: screenshotPath('station-hands-free'), fullPage: true });
      await bench.getByTestId('bench-remove').click();
      await expect(bench.getByTestId('bench-board')).toHaveText('No board on the bench.');
    }
  }
  await expect(page.getByTestId('run-summary-text')).toHaveText('Lot HF-1: 2/2 passed — awaiting QA', { timeout: 15_000 });
  await expect(bench.getByTestId('bench-board')).toContainText('(worked on)');
  expect(station.consoleErrors).toEqual([]);
});
