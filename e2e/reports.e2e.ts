import { rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, shot } from './browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  page = await context.newPage();
});
afterAll(async () => browser?.close());

const CELLS = [
  'received', 'received.carriedOver', 'received.online', 'received.direct', 'resolved', 'resolved.early', 'resolved.onTime',
  'resolved.late', 'inProgress', 'inProgress.withinDeadline', 'inProgress.overdue',
];
const number = (s: string) => Number(s.replace(/\D/g, ''));

describe('reports journey', () => {
  it('the HĐND supervisor opens Biểu 06 for the current year and sees the total row', async () => {
    await login(page, 'giamsat.hdnd', 'Demo@2026');
    await page.waitForURL(/\/quan-tri/);
    await page.getByRole('link', { name: 'Biểu 06/VPCP/KSTT', exact: true }).click();
    await page.waitForURL(/\/quan-tri\/bao-cao\/bieu-06/);
    const year = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());
    await expect.poll(() => page.getByTestId('period-range').innerText()).toBe(`Từ ngày 01/01/${year} đến ngày 31/12/${year}`);
    // The demo dossiers load in the background after the server starts: wait until the report counts some.
    await expect
      .poll(
        async () => {
          if (await page.getByTestId('total-received').count()) return true;
          await page.reload();
          await page.getByTestId('bieu06-total').waitFor({ timeout: 15_000 });
          return (await page.getByTestId('total-received').count()) > 0;
        },
        { timeout: 150_000, interval: 3_000 },
      )
      .toBe(true);
    await expect.poll(() => page.getByTestId('bieu06-total').innerText()).toContain('TỔNG SỐ');
    expect(number(await page.getByTestId('total-received').innerText())).toBeGreaterThan(0);
    expect(await page.getByTestId('bieu06-line').count()).toBeGreaterThan(0);
    await shot(page, 'reports-bieu06');
  });

  it('a number opens the drawer with that many dossiers', async () => {
    // The smallest non-zero number of the total row: its dossiers fit on the drawer's first page.
    let pick = { cell: '', n: Infinity };
    for (const cell of CELLS) {
      const link = page.getByTestId(`total-${cell}`);
      if (!(await link.count())) continue;
      const n = number(await link.innerText());
      if (n > 0 && n < pick.n) pick = { cell, n };
    }
    expect(pick.cell).not.toBe('');
    await page.getByTestId(`total-${pick.cell}`).click();
    await expect.poll(() => page.getByTestId('drill-total').innerText()).toBe(`${pick.n.toLocaleString('vi-VN')} hồ sơ`);
    await expect.poll(() => page.locator('.mc-drill [data-testid="drill-row"]').count()).toBe(Math.min(pick.n, 20));
    const first = page.locator('.mc-drill [data-testid="drill-dossier-link"]').first();
    expect(await first.getAttribute('href')).toMatch(/^\/quan-tri\/ho-so\/.+/);
    await shot(page, 'reports-bieu06-drill');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
  });

  it('grouping by agency shows parents with their subtotals', async () => {
    await page.getByTestId('group-by').getByText('Cơ quan giải quyết').click();
    await page.waitForURL(/nhom=agency/);
    await expect.poll(() => page.locator('.mc-b06__line--group, .mc-b06__line--row').count()).toBeGreaterThan(0);
    await shot(page, 'reports-bieu06-agency');
  });

  it('downloads the Excel file of the report', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^Bieu06_VPCP_KSTT_\d{4}0101_\d{4}1231\.xlsx$/);
    const file = path.join(os.tmpdir(), `motcua-e2e-${Date.now()}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    expect(statSync(file).size).toBeGreaterThan(1000);
    rmSync(file, { force: true });
  });

  it('opens the tracking book of the period', async () => {
    await page.getByRole('link', { name: 'Sổ theo dõi hồ sơ', exact: true }).click();
    await page.waitForURL(/\/quan-tri\/bao-cao\/so-theo-doi/);
    await expect.poll(() => page.getByTestId('book-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('book-total').innerText()).toMatch(/\d+ hồ sơ/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^So_theo_doi_ho_so_\d{8}_\d{8}\.xlsx$/);
    await shot(page, 'reports-tracking-book');
  });

  it('is usable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/quan-tri/bao-cao/bieu-06`);
    await page.getByTestId('bieu06-total').waitFor();
    const scroll = page.getByTestId('bieu06');
    // The table scrolls sideways inside its frame; the page itself does not.
    expect(await scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(page, 'reports-bieu06-phone');
  });
});
