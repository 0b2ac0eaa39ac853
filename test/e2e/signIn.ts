/**
 * Getting past the session gate as a new user would: on a fresh station, create the first engineer
 * through the first-run form (which signs them in); later, sign in through the sign-in form.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { OperatorRole } from '../../preload/contract';

const root = path.resolve(import.meta.dirname, '../..');

export interface Credentials {
  readonly name: string;
  readonly pin: string;
}

export const firstEngineer: Credentials = { name: 'Erin', pin: '246810' };

/** Screenshots the e2e run saves for the README and for review. */
export function screenshotPath(name: string): string {
  return path.join(import.meta.dirname, 'screenshots', `${name}.png`);
}

export async function createFirstEngineer(page: Page, who: Credentials = firstEngineer): Promise<void> {
  await expect(page.getByTestId('first-run-form')).toBeVisible();
  await page.getByTestId('first-run-name').fill(who.name);
  await page.getByTestId('first-run-pin').fill(who.pin);
  await page.getByTestId('first-run-pin-again').fill(who.pin);
  await page.getByTestId('first-run-submit').click();
  await expect(page.getByTestId('session-operator')).toHaveText(`${who.name} · engineer`);
}

export async function signIn(page: Page, who: Credentials): Promise<void> {
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
  await page.getByTestId('sign-in-name').fill(who.name);
  await page.getByTestId('sign-in-pin').fill(who.pin);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('session-operator')).toContainText(who.name);
}

/** Adds an operator with `matterline operator add`, as an engineer would from a terminal today. */
export function addOperatorWithCli(databasePath: string, who: Credentials, role: OperatorRole): void {
  execFileSync(process.execPath, [path.join(root, 'bin/matterline.js'), '--db', databasePath, 'operator', 'add', who.name, '--role', role, '--pin', who.pin], {
    stdio: 'pipe',
  });
}
