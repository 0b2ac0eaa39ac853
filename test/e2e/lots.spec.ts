/**
 * Lots as the people at a station use them: the engineer makes a sample lot on the demo
 * configuration and is refused a production lot on it while it is a draft; the lot is provisioned
 * from a terminal (`matterline lot run` on a simulated probe, same database); QA signs in, sees it
 * finished, must give a reason to reject, and approves it, which freezes the configuration; the
 * engineer then makes a production lot on it.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { errorCatalogue } from '../../preload/contract/errors';
import { expectAccessible } from './accessibility';
import { addOperatorWithCli, createFirstEngineer, firstEngineer, screenshotPath, signIn } from './signIn';
import { expect, test } from './station';

const root = path.resolve(import.meta.dirname, '../..');
const quinn = { name: 'Quinn', pin: '482916' };

/** `matterline lot run` against the station's database, as an engineer would from a terminal. */
function runLotWithCli(databasePath: string, userDataDir: string, lot: string): void {
  execFileSync(
    process.execPath,
    [path.join(root, 'bin/matterline.js'), '--db', databasePath, '--user-data-dir', userDataDir, 'lot', 'run', lot, '--probe', 'sim:EFR32MG24B210F1536IM48'],
    { stdio: 'pipe', timeout: 120_000 },
  );
}

test('engineer makes lots, QA approves the sample lot, then a production lot is made on the frozen configuration', async ({ station }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 900 });
  await createFirstEngineer(page);
  await page.getByTestId('nav-lots').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lots');
  await expect(page.getByTestId('lots-empty')).toBeVisible();

  // The demo configuration the station saved at start is offered, with its part and VID/PID.
  const select = page.getByLabel('Configuration', { exact: true });
  await expect(select.locator('option:checked')).toHaveText('Matterline demo light v1 (draft)');
  await expect(page.getByTestId('lot-configuration-facts')).toHaveText('Part EFR32MG24B210F1536IM48 · VID 0xFFF1 · PID 0x8000');

  // Keyboard only: name, Tab past the kind (sample) and the configuration, quantity, Enter.
  await page.getByLabel('Lot name', { exact: true }).focus();
  await page.keyboard.type('S-1');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /Sample/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(select).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lot-create-done')).toHaveText('Lot S-1 created: 3 sample devices.');
  const sample = page.getByTestId('lot-row-S-1');
  await expect(sample.getByTestId('lot-progress')).toHaveText('0/3');
  await expect(sample.getByTestId('lot-kind')).toHaveText('sample');
  await expect(sample.getByTestId('lot-yield')).toHaveText('none yet');
  await expect(page.getByLabel('Lot name', { exact: true })).toBeFocused();

  // A production lot on the draft configuration: main's sentence, in room kept for it.
  await page.getByLabel('Lot name', { exact: true }).fill('P-0');
  await page.getByRole('radio', { name: /Production/ }).check();
  await page.getByLabel('Quantity', { exact: true }).fill('5');
  const submitBox = await page.getByTestId('lot-create-submit').boundingBox();
  const tableBox = await page.getByTestId('lot-table').boundingBox();
  await page.getByLabel('Quantity', { exact: true }).press('Enter');
  const error = page.getByTestId('error-panel');
  await expect(error).toHaveAttribute('data-code', 'RECORD_CONFIG_NOT_APPROVED');
  await expect(error.locator('.error-message')).toHaveText(errorCatalogue.RECORD_CONFIG_NOT_APPROVED.message);
  expect(await page.getByTestId('lot-create-submit').boundingBox()).toEqual(submitBox);
  expect(await page.getByTestId('lot-table').boundingBox()).toEqual(tableBox);
  await expect(page.getByTestId('lot-row-P-0')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('lots-create'), fullPage: true });
  await expectAccessible(page, 'lots-engineer', testInfo);

  // The sample lot runs from a terminal on a simulated probe; QA is added the same way.
  runLotWithCli(station.databasePath, station.userDataDir, 'S-1');
  addOperatorWithCli(station.databasePath, quinn, 'qa');

  // QA signs in (the window stays on Lots, read again as it opens): 3/3 and awaiting QA. QA does not make lots.
  await page.getByTestId('sign-out').click();
  await signIn(page, quinn);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lots');
  await expect(page.getByTestId('lot-create-form')).toHaveCount(0);
  await expect(sample.getByTestId('lot-progress')).toHaveText('3/3');
  await expect(sample.getByTestId('lot-failed')).toHaveText('0');
  await expect(sample.getByTestId('lot-yield')).toHaveText('100 %');
  await expect(sample.getByTestId('lot-status')).toHaveAttribute('data-status', 'awaiting_qa');
  await expect(sample.getByTestId('lot-status')).toHaveText(/awaiting QA/);
  await expect(sample.getByTestId('lot-configuration-state')).toHaveText('draft');

  // Reject without a reason: the sentence on the notes field, nothing sent.
  const decision = page.getByTestId('lot-decision-S-1');
  await decision.getByTestId('lot-reject').click();
  await expect(decision.getByTestId('lot-decision-notes-problem')).toHaveText('Enter the reason for rejecting this lot; it is kept with the decision.');
  await expect(decision.getByLabel('QA notes')).toBeFocused();
  await expect(sample.getByTestId('lot-status')).toHaveAttribute('data-status', 'awaiting_qa');
  await page.screenshot({ path: screenshotPath('lots-qa'), fullPage: true });
  await expectAccessible(page, 'lots-qa', testInfo);

  // Approve with notes (Enter approves): the lot is approved and its configuration frozen with its hash.
  await page.keyboard.type('All three read back correctly.');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lot-decided')).toHaveText('Lot S-1 approved.');
  await expect(page.getByTestId('lot-decided')).toBeFocused();
  await expect(sample.getByTestId('lot-status')).toHaveAttribute('data-status', 'approved');
  await expect(sample.getByTestId('lot-status')).toHaveText(/approved/);
  await expect(sample.getByTestId('lot-decision')).toHaveText('by Quinn: All three read back correctly.');
  await expect(sample.getByTestId('lot-configuration-state')).toHaveText(/^approved · frozen [0-9a-f]{12}$/);
  await expect(page.getByTestId('lot-decision-none')).toBeVisible();

  // The engineer again: the configuration is offered as approved; a production lot of 5 is made on it.
  await page.getByTestId('sign-out').click();
  await signIn(page, firstEngineer);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lots');
  await expect(select.locator('option:checked')).toHaveText('Matterline demo light v1 (approved)');
  await expect(page.getByTestId('lot-configuration-facts')).toHaveText(/^Part EFR32MG24B210F1536IM48 · VID 0xFFF1 · PID 0x8000 · frozen [0-9a-f]{12}$/);
  await page.getByLabel('Lot name', { exact: true }).fill('P-1');
  await page.getByRole('radio', { name: /Production/ }).check();
  await page.getByLabel('Quantity', { exact: true }).fill('5');
  await page.getByLabel('Notes', { exact: true }).fill('First production run.');
  await page.getByTestId('lot-create-submit').click();
  await expect(page.getByTestId('lot-create-done')).toHaveText('Lot P-1 created: 5 production devices.');
  const production = page.getByTestId('lot-row-P-1');
  await expect(production.getByTestId('lot-progress')).toHaveText('0/5');
  await expect(production.getByTestId('lot-kind')).toHaveText('production');
  await expect(production.getByTestId('lot-configuration-state')).toHaveText(/^approved · frozen [0-9a-f]{12}$/);
  // Newest first.
  await expect(page.locator('[data-testid^="lot-row-"]')).toHaveCount(2);
  await expect(page.locator('[data-testid^="lot-row-"]').first()).toHaveAttribute('data-testid', 'lot-row-P-1');
  await page.screenshot({ path: screenshotPath('lots'), fullPage: true });
  await expectAccessible(page, 'lots', testInfo);
  expect(station.consoleErrors).toEqual([]);
});
