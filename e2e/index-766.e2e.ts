// The Decision 766 service index: the Sở Nội vụ officer opens the index of the
// current year, reads the total over the indicators with data, an indicator
// with its score, one without data and why, and the ranking of the agencies;
// then the same page on a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, shot } from './browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
});
afterAll(async () => browser?.close());

describe('Decision 766 index journey', () => {
  it('noivu (Sở Nội vụ) sees the total, scored and unscored indicators and the ranking of agencies for the current year', async () => {
    await login(page, 'noivu', 'Demo@2026');
    await page.waitForURL(/\/quan-tri/);
    await page.getByRole('link', { name: 'Chỉ số phục vụ (QĐ 766)' }).first().click();
    await page.waitForURL(/\/quan-tri\/bao-cao\/chi-so-766/);
    const year = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());
    await expect.poll(() => page.getByTestId('period-range').innerText()).toBe(`Từ ngày 01/01/${year} đến ngày 31/12/${year}`);
    // The demo dossiers load in the background after the server starts: wait until on-time processing is scored.
    await expect
      .poll(
        async () => {
          if (await page.getByTestId('score-2.1').count()) return true;
          await page.reload();
          await page.getByTestId('i766-total').waitFor({ timeout: 15_000 });
          return (await page.getByTestId('score-2.1').count()) > 0;
        },
        { timeout: 150_000, interval: 3_000 },
      )
      .toBe(true);
    const points = await page.getByTestId('i766-points').innerText();
    expect(points).toMatch(/^[\d.,]+ \/ [\d.,]+ điểm có dữ liệu$/);
    const [got, max] = points.split(' / ').map((s) => Number.parseFloat(s.replace(/\./g, '').replace(',', '.')));
    expect(got).toBeGreaterThan(0);
    expect(max).toBeLessThan(100);
    expect(got).toBeLessThanOrEqual(max);
    expect(await page.getByTestId('score-2.1').innerText()).toContain('/ 20');
    const noData = page.getByTestId('nodata-3.6');
    expect(await noData.innerText()).toContain('Chưa có dữ liệu');
    expect(await noData.innerText()).toContain('thanh toán trực tuyến');
    // The ranking: the units of the province, each with its score.
    const rows = page.getByTestId('i766-ranking').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(3);
    expect(await page.getByTestId('i766-ranking').innerText()).toContain('Sở Xây dựng');
    await shot(page, 'index-766-laptop');
  });

  it('ranks the province departments on request and stays usable on a phone', async () => {
    await page.getByTestId('rank-mode').getByText('Sở, ngành').click();
    await expect.poll(() => page.getByTestId('i766-ranking').innerText(), { timeout: 20_000 }).toContain('Các sở, ngành cấp tỉnh');
    expect(await page.getByTestId('i766-ranking').innerText()).toContain('Sở Nội vụ');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/quan-tri/bao-cao/chi-so-766`);
    await page.getByTestId('score-2.1').waitFor({ timeout: 20_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'index-766-phone');
  });
});
