import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, BASE, launch, login, shot } from './browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
});
afterAll(async () => browser?.close());

const dueText = () => page.getByTestId('due-value').innerText();
/** Polls with room for a busy machine (the default is one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000 });

describe('working-day calendar journey', () => {
  it('the admin opens the calendar and sees Tết Bính Ngọ 2026', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/quan-tri/);
    await page.getByRole('menuitem', { name: /Lịch làm việc/ }).click();
    await page.waitForURL(/\/quan-tri\/lich-lam-viec/);
    await page.getByTestId('calendar-year').fill('2026');
    await page.getByTestId('calendar-year').press('Enter');
    await poll(() => page.getByTestId('calendar-title').innerText()).toBe('Năm 2026');
    await poll(() => page.getByTestId('calendar-origin').innerText()).toBe('Theo lịch chính thức');
    // The five Tết days are coloured as Tết; mùng 1 carries its lunar date.
    for (const d of ['16', '17', '18', '19', '20']) {
      await poll(() => page.locator(`[data-date="2026-02-${d}"]`).getAttribute('class')).toContain('mc-cal-day--tet');
    }
    expect(await page.locator('[data-date="2026-02-17"]').innerText()).toContain('1/1');
    expect(await page.locator('[data-date="2026-01-10"]').getAttribute('class')).toContain('mc-cal-day--working_weekend');
    await poll(() => page.getByTestId('days-off-list').innerText()).toContain('Tết Nguyên đán (mùng 1 tháng Giêng)');
    await shot(page, 'calendar-2026');
  });

  it('adds a day off to 2027; the due-date calculator moves; reverting brings it back', async () => {
    await page.getByTestId('calendar-year').fill('2027');
    await page.getByTestId('calendar-year').press('Enter');
    await poll(() => page.getByTestId('calendar-title').innerText()).toBe('Năm 2027');
    await poll(() => page.getByTestId('calendar-origin').innerText()).toBe('Theo quy định về nghỉ lễ, Tết');

    // Received Monday 08/03/2027 when the office opens, 2 working days.
    await page.locator('[data-date="2027-03-08"]').click();
    await page.getByRole('button', { name: 'Tính hạn từ ngày này' }).click();
    await page.getByTestId('calc-amount').fill('2');
    await poll(dueText).toContain('Thứ Ba, 09/03/2027');
    expect(await dueText()).toContain('17:00');

    // Add Tuesday 09/03/2027 as a day off, with its source document.
    await page.getByTestId('schedule-edit').click();
    await page.getByTestId('schedule-add-day').waitFor();
    await page.getByTestId('schedule-add-day').click();
    const rows = page.locator('[data-testid^="schedule-day-"]');
    const row = rows.nth((await rows.count()) - 1);
    await row.locator('.ant-picker input').click();
    await row.locator('.ant-picker input').fill('09/03/2027');
    await row.locator('.ant-picker input').press('Enter');
    await row.getByPlaceholder('Tên ngày nghỉ').fill('Nghỉ bầu cử (thử nghiệm)');
    await page.getByTestId('schedule-source').fill('Quyết định 12/QĐ-UBND ngày 01/02/2027 của UBND tỉnh (thử nghiệm)');
    await shot(page, 'calendar-editor');
    await page.getByTestId('schedule-save').click();
    await poll(() => page.locator('.ant-drawer-open').count()).toBe(0);

    await poll(() => page.getByTestId('calendar-origin').innerText()).toBe('Lịch do quản trị viên sửa');
    await poll(() => page.locator('[data-date="2027-03-09"]').getAttribute('class')).toContain('mc-cal-day--holiday');
    await poll(dueText).toContain('Thứ Tư, 10/03/2027');
    await shot(page, 'calendar-2027-edited');

    // Revert to the rules.
    await page.getByTestId('schedule-revert').click();
    const confirm = page.locator('.ant-popconfirm:visible');
    await confirm.getByRole('button', { name: 'Khôi phục' }).click();
    await poll(() => confirm.count()).toBe(0);
    await shot(page, 'calendar-2027-reverted');
    await poll(() => page.getByTestId('calendar-origin').innerText()).toBe('Theo quy định về nghỉ lễ, Tết');
    await poll(() => page.locator('[data-date="2027-03-09"]').getAttribute('class')).not.toContain('mc-cal-day--holiday');
    await poll(dueText).toContain('Thứ Ba, 09/03/2027');
  });

  it('is usable on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/quan-tri/lich-lam-viec?nam=2026`);
    await poll(() => page.getByTestId('calendar-title').innerText()).toBe('Năm 2026');
    await poll(() => page.locator('[data-date="2026-02-17"]').isVisible()).toBe(true);
    await shot(page, 'calendar-phone');
  });
});
