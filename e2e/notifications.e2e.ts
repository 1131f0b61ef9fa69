import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, BASE, launch, login, shot } from './browser.ts';

// The administrator's outbox: what citizens were told, by e-mail and SMS, on a laptop and on a phone.
let browser: Browser;
let page: Page;
let code = '';

async function api<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 850 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // A reception officer takes a dossier at the counter for a citizen who gave an e-mail address.
  const { token } = await api<{ token: string }>('/auth/login', null, { username: 'tiepnhan.tinh', password: 'Demo@2026' });
  const d = await api<{ code: string }>('/dossiers', token, {
    procedureCode: '1.902002',
    channel: 'counter',
    applicant: { fullName: 'Hoàng Thị Thu Trang', idNumber: '038192004321', phone: '0915 246 810', email: 'thu.trang@example.vn', address: 'Phường Hạc Thành, tỉnh Thanh Hóa' },
    components: [{ name: 'Đơn đề nghị cấp giấy phép xây dựng' }],
  });
  code = d.code;
});
afterAll(async () => browser?.close());

const text = () => page.locator('body').innerText();
/** Generous waits: the machine may be busy (lazy page chunks, the demo loading in the background). */
const WAIT = { timeout: 20_000 };

describe('notifications to citizens', () => {
  it('the admin sees the receipt e-mail waiting for a mail server and the SMS sent, with their content', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/quan-tri/);
    await page.getByRole('menuitem', { name: /Thông báo công dân/ }).click();
    await page.waitForURL(/\/quan-tri\/thong-bao/);
    await expect.poll(text, WAIT).toContain('Thông báo gửi công dân');
    // No SMTP_URL on this server: the e-mail waits, and the page says why.
    await expect.poll(text, WAIT).toContain('Chưa cấu hình máy chủ thư điện tử');

    await page.getByLabel('Tìm thông báo').fill(code);
    const email = page.locator('tr.ant-table-row', { hasText: 'thu.trang@example.vn' });
    const sms = page.locator('tr.ant-table-row', { hasText: '0915246810' });
    await expect.poll(() => email.count(), WAIT).toBe(1);
    expect(await email.innerText()).toContain('Chờ gửi');
    expect(await email.innerText()).toContain(`Hồ sơ ${code} đã được tiếp nhận`);
    // The worker sends the SMS (log driver) within seconds.
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Tải lại' }).click();
          return sms.innerText();
        },
        { timeout: 45_000, interval: 3_000 },
      )
      .toContain('Đã gửi');

    await email.locator('.ant-table-row-expand-icon').click();
    const detail = page.locator('tr.ant-table-expanded-row').first();
    await expect.poll(() => detail.innerText(), WAIT).toContain('SMTP_URL');
    await expect.poll(() => page.frameLocator('iframe.mc-outbox__preview').locator('body').innerText(), WAIT).toContain('Ngày hẹn trả kết quả');
    await shot(page, 'notifications-email');
    await detail.getByRole('tab', { name: 'Nội dung văn bản' }).click();
    await expect.poll(() => detail.innerText(), WAIT).toContain('Kính gửi Ông/Bà Hoàng Thị Thu Trang,');
    expect(await detail.innerText()).toContain(`Mã hồ sơ: ${code}`);

    // Only SMS, then only the sent ones.
    await page.getByLabel('Lọc theo kênh gửi').click();
    await page.locator('.ant-select-dropdown:visible').getByText('Tin nhắn SMS').click();
    await expect.poll(() => email.count(), WAIT).toBe(0);
    await page.getByTestId('outbox-status-sent').click();
    await expect.poll(() => sms.count(), WAIT).toBe(1);
    await sms.locator('.ant-table-row-expand-icon').click();
    await expect.poll(text, WAIT).toContain(`Hồ sơ ${code} đã được tiếp nhận. Hẹn trả kết quả:`);
    await shot(page, 'notifications-sms');
  });

  it('reads well on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/quan-tri/thong-bao`);
    await page.getByLabel('Tìm thông báo').fill(code);
    const card = page.locator('.mc-outbox-m', { hasText: 'thu.trang@example.vn' });
    await expect.poll(() => card.count(), WAIT).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await card.click();
    await expect.poll(() => page.locator('tr.ant-table-expanded-row').first().innerText(), WAIT).toContain('Loại thông báo');
    await shot(page, 'notifications-phone');
  });
});
