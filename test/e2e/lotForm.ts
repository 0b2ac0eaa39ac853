/**
 * Making a lot on the Lots screen as an engineer does: name, kind, (configuration,) quantity, Enter;
 * the screen confirms it in one sentence.
 */
import { expect, type Page } from '@playwright/test';

export interface LotToMake {
  readonly name: string;
  readonly quantity: number;
  readonly kind?: 'sample' | 'production';
  /** The configuration's option text, e.g. "Porch light v1 (approved)"; default the one offered first. */
  readonly configuration?: string;
}

export async function createLot(page: Page, lot: LotToMake): Promise<void> {
  const kind = lot.kind ?? 'sample';
  await page.getByTestId('nav-lots').click();
  await page.getByLabel('Lot name', { exact: true }).fill(lot.name);
  await page.getByRole('radio', { name: kind === 'sample' ? /Sample/ : /Production/ }).check();
  if (lot.configuration !== undefined) await page.getByLabel('Configuration', { exact: true }).selectOption({ label: lot.configuration });
  await page.getByLabel('Quantity', { exact: true }).fill(String(lot.quantity));
  await page.getByLabel('Quantity', { exact: true }).press('Enter');
  await expect(page.getByTestId('lot-create-done')).toHaveText(`Lot ${lot.name} created: ${lot.quantity} ${kind} ${lot.quantity === 1 ? 'device' : 'devices'}.`);
}
