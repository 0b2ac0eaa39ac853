import { errorCatalogue } from '../../preload/contract/errors';
import { expectAccessible } from './accessibility';
import { addOperatorWithCli, createFirstEngineer, firstEngineer, screenshotPath, signIn } from './signIn';
import { expect, test } from './station';

test('first run creates the engineer; sign out; a wrong PIN is refused with one sentence; the right one signs in', async ({ station }, testInfo) => {
  const { page } = station;
  // A station screen's proportions, so each screenshot shows the whole form and its error.
  await page.setViewportSize({ width: 1280, height: 900 });

  // A fresh station has no operator: it asks for the first engineer, name field ready to type in.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create the first engineer');
  await expect(page.getByTestId('nav-preflight')).toHaveCount(0);
  await expect(page.getByLabel('Engineer name')).toBeFocused();
  await expect(page.getByLabel('PIN', { exact: true })).toHaveAttribute('inputmode', 'numeric');
  await page.screenshot({ path: screenshotPath('first-run') });
  await expectAccessible(page, 'first-run', testInfo);

  // Keyboard only: type, Tab, Enter. Two different PINs get their sentence on the field, not a request.
  await page.keyboard.type(firstEngineer.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(firstEngineer.pin);
  await page.keyboard.press('Tab');
  await page.keyboard.type('135790');
  const submitBox = await page.getByTestId('first-run-submit').boundingBox();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('first-run-pin-again-problem')).toHaveText('The two PINs differ; type the same PIN twice.');
  await expect(page.getByLabel('PIN again')).toBeFocused();
  // The sentence arrived into room kept for it: the button did not move.
  expect(await page.getByTestId('first-run-submit').boundingBox()).toEqual(submitBox);
  await page.getByLabel('PIN again').fill(firstEngineer.pin);
  await page.keyboard.press('Enter');

  // Signed in as the engineer, who sees every section, Settings included.
  await expect(page.getByTestId('session-operator')).toHaveText('Erin · engineer');
  await expect(page.getByTestId('nav-settings')).toBeVisible();
  await expect(page.getByTestId('check-database').getByTestId('check-status')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('preflight-summary')).toContainText('All required checks passed');
  await page.screenshot({ path: screenshotPath('signed-in') });

  // Sign out: the sign-in form, not first run again, and no sections.
  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  await expect(page.getByTestId('nav-preflight')).toHaveCount(0);
  await expect(page.getByTestId('session-operator')).toHaveCount(0);
  await expect(page.getByLabel('Operator name')).toBeFocused();
  await page.screenshot({ path: screenshotPath('sign-in') });
  await expectAccessible(page, 'sign-in', testInfo);

  // A wrong PIN: the catalogue's one sentence, the fix, the detail one click away; the PIN is cleared.
  await page.keyboard.type(firstEngineer.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('1111');
  const submitBeforeError = await page.getByTestId('sign-in-submit').boundingBox();
  await page.keyboard.press('Enter');
  const error = page.getByTestId('error-panel');
  await expect(error).toHaveAttribute('data-code', 'RECORD_PIN_WRONG');
  await expect(error.locator('.error-message')).toHaveText(errorCatalogue.RECORD_PIN_WRONG.message);
  await expect(error).toContainText(errorCatalogue.RECORD_PIN_WRONG.fix);
  // The error arrived into room kept for it below the form: the button did not move.
  expect(await page.getByTestId('sign-in-submit').boundingBox()).toEqual(submitBeforeError);
  await page.screenshot({ path: screenshotPath('sign-in-wrong-pin') });
  await expect(page.getByLabel('PIN', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
  await expect(error.getByText('RECORD_PIN_WRONG')).toBeHidden();
  await error.getByText('Show detail').click();
  await expect(error.getByText('RECORD_PIN_WRONG')).toBeVisible();
  await expect(page.getByTestId('session-operator')).toHaveCount(0);
  await expectAccessible(page, 'sign-in-wrong-pin', testInfo);

  // The right PIN signs in.
  await page.getByLabel('PIN', { exact: true }).focus();
  await page.keyboard.type(firstEngineer.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-operator')).toHaveText('Erin · engineer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Preflight');
  await expectAccessible(page, 'signed-in', testInfo);
  expect(station.consoleErrors).toEqual([]);
});

test('the first-run form says what is wrong with a name or PIN before asking the station', async ({ station }) => {
  const { page } = station;
  await expect(page.getByTestId('first-run-form')).toBeVisible();
  await page.getByTestId('first-run-pin').fill('12a4');
  await page.getByTestId('first-run-submit').click();
  await expect(page.getByTestId('first-run-name-problem')).toHaveText('Enter the operator name.');
  await expect(page.getByTestId('first-run-pin-problem')).toHaveText('The PIN must be 4 to 12 digits only.');
  await expect(page.getByLabel('Engineer name')).toBeFocused();
  await expect(page.getByLabel('Engineer name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('error-panel')).toHaveCount(0);
  await expect(page.getByTestId('session-operator')).toHaveCount(0);
  // Nothing was sent: after a reload the station still has no operator.
  await page.reload();
  await expect(page.getByTestId('first-run-form')).toBeVisible();
  expect(station.consoleErrors).toEqual([]);
});

test('a technician signs in and is not offered Settings, even by its address', async ({ station }) => {
  const { page } = station;
  await createFirstEngineer(page);
  const technician = { name: 'Tom', pin: '1357' };
  addOperatorWithCli(station.databasePath, technician, 'technician');
  await page.getByTestId('sign-out').click();
  await signIn(page, technician);
  await expect(page.getByTestId('session-operator')).toHaveText('Tom · technician');
  await expect(page.getByTestId('nav-preflight')).toBeVisible();
  await expect(page.getByTestId('nav-station')).toBeVisible();
  await expect(page.getByTestId('nav-settings')).toHaveCount(0);
  // Typing the address shows the default section, not Settings (main refuses its calls anyway).
  await page.evaluate(() => {
    window.location.hash = '#/settings';
  });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Preflight');
  await expect(page.getByTestId('screen-settings')).toHaveCount(0);
  expect(station.consoleErrors).toEqual([]);
});
