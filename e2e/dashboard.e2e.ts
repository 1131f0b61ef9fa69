import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, shot } from './browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
});
afterAll(async () => browser?.close());

const number = (s: string) => Number(s.replace(/\D/g, ''));
const tileValue = async (id: string) => number(await page.getByTestId(id).locator('.mc-rtile__value').innerText());

async function apiLogin(username: string): Promise<string> {
  const res = await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2026' }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('the leaders’ live dashboard', () => {
  it('a leader opens the dashboard and sees the numbers and the charts', async () => {
    await login(page, 'lanhdao.xaydung', 'Demo@2026');
    await page.waitForURL(/\/quan-tri/);
    await page.getByRole('link', { name: 'Điều hành' }).first().click();
    await page.waitForURL(/\/quan-tri\/dieu-hanh/);
    await page.getByTestId('tile-today').waitFor();
    // The demo dossiers load in the background after start: wait for the year's figures to show some.
    await expect
      .poll(async () => number(await page.getByTestId('tile-year').locator('.mc-rtile__hint').innerText()), { timeout: 150_000, interval: 3_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId('tile-month').locator('.mc-rtile__value').innerText()).toMatch(/%|—/);
    await expect.poll(() => page.locator('[data-testid="chart-trend"] canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="chart-agency"] canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid="chart-field"] canvas').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-satisfaction').innerText()).toMatch(/Mức độ hài lòng/);
    await shot(page, 'dashboard-live');
  });

  it('updates itself, without a reload, after a dossier is received through the API', async () => {
    const before = await tileValue('tile-today');
    const token = await apiLogin('tiepnhan.tinh');
    const res = await fetch(`${BASE}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        procedureCode: '1.902002',
        channel: 'counter',
        applicant: { fullName: 'Ngô Thị Điều Hành', idNumber: '038190004321', phone: '0912 111 222', address: 'Phường Hạc Thành, tỉnh Thanh Hóa' },
        components: [{ name: 'Đơn đề nghị' }],
      }),
    });
    expect(res.status).toBe(201);
    const url = page.url();
    await expect.poll(() => tileValue('tile-today'), { timeout: 45_000, interval: 1_000 }).toBeGreaterThan(before);
    expect(page.url()).toBe(url);
  });

  it('goes full screen for a wall display and back', async () => {
    await page.getByTestId('wall-toggle').click();
    await expect.poll(() => page.locator('.mc-ops--wall').count()).toBe(1);
    // The charts follow the new size.
    await expect
      .poll(() => page.evaluate(() => {
        const panel = document.querySelector('[data-testid="chart-trend"]')!.getBoundingClientRect().width;
        const canvas = document.querySelector('[data-testid="chart-trend"] canvas')!.getBoundingClientRect().width;
        return panel - canvas;
      }))
      .toBeLessThan(60);
    await shot(page, 'dashboard-wall');
    await page.getByTestId('wall-toggle').click();
    await expect.poll(() => page.locator('.mc-ops--wall').count()).toBe(0);
  });

  it('the timing report shows measured against legal durations', async () => {
    await page.goto(`${BASE}/quan-tri/bao-cao/thoi-gian`);
    await expect.poll(() => page.locator('[data-testid="timing-procedures"] tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await shot(page, 'timing-report');
  });
});

describe('public transparency', () => {
  it('renders without login on a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const phone = await context.newPage();
    await phone.goto(`${BASE}/minh-bach`);
    await expect.poll(() => phone.getByTestId('transparency-unit').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await phone.getByTestId('transparency-period').innerText()).toMatch(/^Tháng \d{1,2}\/\d{4}/);
    expect(await phone.getByText('Cách tính các chỉ số').count()).toBe(1);
    // Nothing overflows sideways on a phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'transparency-phone');
    await context.close();
  });
});
