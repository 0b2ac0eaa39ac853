/**
 * The label a technician prints after a PASS: a one-device sample lot runs on sim-1 from the Station
 * screen; under the PASS the device's label shows (QR, manual code, serial), and Save PNG, Save PDF
 * and Save ZPL each download the label in that format (ZPL from the keyboard).
 */
import fs from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { createFirstEngineer, screenshotPath } from './signIn';
import { createLot } from './lotForm';
import { expect, test } from './station';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function downloaded(page: Page, start: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await download.path();
  return { download, bytes: fs.readFileSync(path) };
}

test('a device that passes shows its label, saved as PNG, PDF and ZPL', async ({ station }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = station;
  await page.setViewportSize({ width: 1280, height: 1000 });
  await createFirstEngineer(page);

  await createLot(page, { name: 'LB-1', quantity: 1 });

  await page.getByTestId('nav-station').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Station');
  await page.getByLabel('Lot', { exact: true }).selectOption({ label: 'LB-1 (0/1)' });
  for (const id of ['sim-1', 'sim-2', 'sim-locked', 'sim-unplug']) {
    await page.getByTestId(`station-probe-${id}`).getByRole('checkbox').setChecked(id === 'sim-1');
  }
  const panel = page.getByTestId('probe-panel-sim-1');
  await page.getByTestId('station-start-button').click();
  await expect(panel).toBeVisible();
  const result = panel.getByTestId('device-result');
  await expect(result).toHaveAttribute('data-result', 'pass', { timeout: 60_000 });
  const serial = await result.getByTestId('device-result-serial').innerText();
  const manual = await result.getByTestId('device-result-manual').innerText();
  const printedManual = manual.replace(/-/g, '').replace(/^(\d{4})(\d{3})(\d{4})$/, '$1-$2-$3');

  // The label of that device, beside the PASS: its image carries the codes in its text alternative.
  const label = panel.getByTestId('label-preview');
  await expect(label).toHaveAttribute('data-state', 'ready');
  const image = label.getByTestId('label-preview-image');
  await expect(image).toHaveAttribute('alt', `Label for ${serial}: QR code, manual code ${printedManual}, serial number ${serial}`);
  await expect(image).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0)).toBe(true);
  // The PASS box stays the biggest thing in the panel.
  const passBox = await result.boundingBox();
  const labelBox = await label.boundingBox();
  expect((passBox?.height ?? 0) * (passBox?.width ?? 0)).toBeGreaterThan((labelBox?.height ?? 0) * (labelBox?.width ?? 0));
  await page.screenshot({ path: screenshotPath('station-label'), fullPage: true });
  await expectAccessible(page, 'station-label', testInfo);

  const pdf = await downloaded(page, () => label.getByTestId('label-save-pdf').click());
  expect(pdf.download.suggestedFilename()).toBe(`label-${serial}.pdf`);
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(label.getByTestId('label-preview-outcome')).toHaveText(`Saved label-${serial}.pdf.`);

  const png = await downloaded(page, () => label.getByTestId('label-save-png').click());
  expect(png.download.suggestedFilename()).toBe(`label-${serial}.png`);
  expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  // 50 × 30 mm at the default 203 dpi: 400 × 240 dots (IHDR width and height, big-endian).
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([400, 240]);

  // Keyboard: focus the ZPL button and press Enter.
  await label.getByTestId('label-save-zpl').focus();
  const zpl = await downloaded(page, () => page.keyboard.press('Enter'));
  expect(zpl.download.suggestedFilename()).toBe(`label-${serial}.zpl`);
  const zplText = zpl.bytes.toString('utf8');
  expect(zplText).toMatch(/^\^XA/);
  expect(zplText).toContain('^BQN');
  expect(zplText).toContain(await result.getByTestId('device-result-qr').innerText());

  await expectAccessible(page, 'station-label-saved', testInfo);
  expect(station.consoleErrors).toEqual([]);
});
