import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, BASE, launch, login, shot } from './browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
});
afterAll(async () => browser?.close());

/** Picks an option in the antd Select or TreeSelect labelled `label`. */
async function choose(label: string, option: string, search?: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  if (search) await field.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible');
  // The list closes when the choice is taken; a click that landed while it was still opening is made again.
  for (let attempt = 0; ; attempt++) {
    await dropdown.getByText(option, { exact: false }).first().click();
    const closed = await expect
      .poll(() => dropdown.count(), { timeout: 3_000 })
      .toBe(0)
      .then(() => true, () => false);
    if (closed || attempt === 2) break;
  }
  await expect.poll(() => dropdown.count(), { timeout: 3_000 }).toBe(0);
}

describe('foundation journey', () => {
  it('shows the public home page without logging in', async () => {
    await page.goto(BASE);
    await expect.poll(() => page.locator('body').innerText()).toMatch(/thủ tục hành chính/i);
    await shot(page, 'home');
  });

  it('refuses a wrong password with a Vietnamese message', async () => {
    await login(page, 'admin', 'sai-mat-khau-1');
    await expect.poll(() => page.getByTestId('login-error').innerText()).toMatch(/không đúng/);
  });

  it('the admin logs in, adds an agency and a user in it, and logs out', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/quan-tri/);
    await expect.poll(() => page.getByTestId('user-fullname').innerText()).toBe('Quản trị hệ thống');

    await page.goto(`${BASE}/quan-tri/co-quan`);
    await page.getByTestId('agency-add').click();
    await page.getByLabel('Tên cơ quan, đơn vị', { exact: true }).fill('Phòng Tư pháp phường Hạc Thành');
    await page.getByLabel('Mã định danh điện tử', { exact: true }).fill('000.05.60.H56');
    await choose('Cơ quan cấp trên', 'phường Hạc Thành', 'Hạc Thành');
    await choose('Cấp', 'Cấp xã');
    await choose('Loại', 'Phòng, đơn vị');
    await shot(page, 'agency-form');
    await page.getByTestId('form-submit').first().click();
    await expect.poll(() => page.locator('.ant-drawer-open').count(), { timeout: 10_000 }).toBe(0);
    await page.getByLabel('Mở rộng tất cả').click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('000.05.60.H56');
    await shot(page, 'agencies');

    await page.goto(`${BASE}/quan-tri/nguoi-dung`);
    await page.getByTestId('user-add').click();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('tuphap.hacthanh');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Mai Thị Tuyết');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('TuPhap2026');
    await page.getByLabel('Nhập lại mật khẩu', { exact: true }).fill('TuPhap2026');
    await choose('Vai trò 1', 'Cán bộ tiếp nhận');
    await choose('Tại cơ quan', 'Phòng Tư pháp phường Hạc Thành', 'Tư pháp');
    await shot(page, 'user-form');
    await page.getByTestId('form-submit').first().click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 10_000 }).toContain('tuphap.hacthanh');
    await shot(page, 'users');

    await page.getByTestId('logout').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/quan-tri'));
  });

  it('the new user logs in and sees their name and role', async () => {
    await login(page, 'tuphap.hacthanh', 'TuPhap2026');
    await page.waitForURL(/\/quan-tri/);
    await expect.poll(() => page.getByTestId('user-fullname').innerText()).toBe('Mai Thị Tuyết');
    await expect.poll(() => page.locator('body').innerText()).toMatch(/Cán bộ tiếp nhận/);
    // An officer does not get the admin pages.
    await expect.poll(() => page.locator('nav, aside').first().innerText()).not.toMatch(/Người dùng/);
    await shot(page, 'officer-home');
  });

  it('works on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'vi-VN' });
    await phone.goto(BASE);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(phone, 'home-phone');
    await phone.close();
  });
});
