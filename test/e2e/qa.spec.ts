/**
 * QA read-back in the window: the engineer makes a sample lot of 2 and runs it on sim-1 from the
 * Station screen; a QA inspector (added from the command line) signs in, opens QA, picks one of the
 * two boards the run kept and reads it back with Enter: PASS, every check listed, the DAC decoded,
 * every recorded value matching, the inspection recorded under the inspector's name.
 */
import { expectAccessible } from './accessibility';
import { addOperatorWithCli, createFirstEngineer, screenshotPath, signIn } from './signIn';
import { createLot } from './lotForm';
import { expect, test } from './station';

const quinn = { name: 'Quinn', pin: '135790' };

test('QA reads back a board the station provisioned: PASS, every check, the DAC and the record compared', async ({ station }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await createFirstEngineer(page);
  await page.getByTestId('nav-lots').click();
  await createLot(page, { name: 'Q-1', quantity: 2 });

  await page.getByTestId('nav-station').click();
  await page.getByLabel('Lot', { exact: true }).selectOption({ label: 'Q-1 (0/2)' });
  await page.getByTestId('station-probe-sim-1').getByRole('checkbox').check();
  await page.getByTestId('station-start-button').click();
  await expect(page.getByTestId('run-summary-text')).toHaveText('Lot Q-1: 2/2 passed — awaiting QA', { timeout: 90_000 });
  const serials = await page.getByTestId('probe-panel-sim-1').getByTestId('probe-serial').innerText();

  addOperatorWithCli(station.databasePath, quinn, 'qa');
  await page.getByTestId('sign-out').click();
  await signIn(page, quinn);
  await page.getByTestId('nav-qa').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('QA');

  // The two boards the run kept, newest first, each naming its device and lot; the newest is chosen.
  const boards = page.getByTestId('qa-chooser').getByRole('radio');
  await expect(boards).toHaveCount(2);
  await expect(page.getByTestId('qa-chooser')).toContainText(/Simulated board [0-9A-F]{16}/);
  await expect(page.getByTestId('qa-chooser').getByText(/in lot Q-1 \(passed\)/)).toHaveCount(2);
  await expect(boards.first()).toBeChecked();
  await expect(page.getByTestId('qa-reading')).toHaveText('');
  await expectAccessible(page, 'qa-idle', testInfo);

  // Read the newest board (the last one provisioned, shown on the Station screen) with Enter.
  await boards.first().focus();
  await boards.first().press('Enter');
  const verdict = page.getByTestId('qa-verdict');
  await expect(verdict).toHaveAttribute('data-result', 'pass', { timeout: 60_000 });
  await expect(verdict).toContainText('PASS');
  await expect(verdict).toContainText(`${serials} in lot Q-1`);
  await expect(page.getByTestId('qa-reading')).toHaveText(/^Read back Simulated board [0-9A-F]{16}\.$/);

  // Every check, each by word: none failed.
  const checks = page.getByTestId('qa-checks').locator('tbody tr');
  await expect(checks).toHaveCount(11);
  for (const name of ['part', 'lock', 'present', 'dac-identical', 'chain', 'cd', 'vid-pid', 'commissioning', 'onboarding', 'not-test-credentials', 'key']) {
    await expect(page.getByTestId(`qa-check-${name}`)).toBeVisible();
  }
  await expect(page.getByTestId('qa-checks').locator('tbody tr[data-status="fail"]')).toHaveCount(0);
  await expect(page.getByTestId('qa-check-chain')).toContainText('PASS');

  // The DAC decoded, the CD and the commissioning values; the label's codes; the lock.
  const dac = page.getByTestId('qa-dac');
  for (const label of ['Subject', 'Serial number', 'Vendor ID', 'Product ID', 'Valid until', 'Subject key ID', 'Authority key ID', 'Key usage']) {
    await expect(dac.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(dac).toContainText('digitalSignature');
  await expect(page.getByTestId('qa-cd')).toContainText('Certificate ID');
  await expect(page.getByTestId('qa-commissioning')).toContainText(serials);
  await expect(page.getByTestId('qa-qr')).toHaveText(/^MT:[0-9A-Z.-]+$/);
  await expect(page.getByTestId('qa-lock')).not.toBeEmpty();

  // The record compared field by field: everything matches.
  const rows = page.getByTestId('qa-comparison-row');
  await expect(rows.filter({ hasText: 'DAC (SHA-256)' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Serial number' })).toContainText(serials);
  await expect(page.locator('[data-testid="qa-comparison-row"][data-match="false"]')).toHaveCount(0);
  await expect(page.getByTestId('qa-inspection')).toHaveText(/^Inspection #1 recorded at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d by Quinn\.$/);
  await expect(page.getByTestId('qa-next').getByRole('link', { name: 'Lots screen' })).toHaveAttribute('href', '#/lots');
  await page.screenshot({ path: screenshotPath('qa-readback'), fullPage: true });
  await expectAccessible(page, 'qa-readback', testInfo);

  // Reading the other board records a second inspection.
  await boards.nth(1).check();
  await page.getByTestId('qa-read').click();
  await expect(page.getByTestId('qa-inspection')).toHaveText(/^Inspection #2 recorded at .* by Quinn\.$/, { timeout: 60_000 });
  await expect(verdict).toHaveAttribute('data-result', 'pass');
});
