// Officers' alerts: a citizen submits online, the reception officer's bell shows it, opening the
// alert opens the dossier and the unread count goes down. On a laptop and on a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, shot } from './browser.ts';

const PASSWORD = 'Demo@2026';
const WAIT = { timeout: 20_000 };

let browser: Browser;

async function api<T>(path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const token = async (username: string) => (await api<{ token: string }>('/auth/login', null, { username, password: PASSWORD })).token;

/** The unread count the bell announces ("Cảnh báo: 3 chưa đọc"; none → 0). */
async function unread(page: Page): Promise<number> {
  const label = (await page.getByTestId('alerts-bell').getAttribute('aria-label')) ?? '';
  return Number(/(\d+) chưa đọc/.exec(label)?.[1] ?? 0);
}

async function submitOnline(fullName: string): Promise<string> {
  const citizen = await token('congdan');
  const d = await api<{ id: string }>('/dossiers', citizen, {
    procedureCode: '1.902002',
    channel: 'online',
    applicant: { fullName, idNumber: '038095001234', phone: '0912 345 678', address: 'Phường Hạc Thành, tỉnh Thanh Hóa' },
    components: [{ name: 'Đơn đề nghị cấp giấy phép xây dựng' }],
  });
  return d.id;
}

async function unreadAlerts(officer: string) {
  return (await api<{ items: { id: number; kind: string; dossier: { id: string } }[] }>('/alerts?unread=true', officer)).items;
}

beforeAll(async () => {
  browser = await launch();
  // Start from a clean slate: whatever the demo data raised for the officer is read.
  await api('/alerts/read', await token('tiepnhan.tinh'), { ids: 'all' });
});
afterAll(async () => browser?.close());

describe('officer alerts', () => {
  it('an online submission rings the reception officer’s bell; opening the alert opens the dossier and lowers the count', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await ctx.newPage();
    await login(page, 'tiepnhan.tinh', PASSWORD);
    await page.waitForURL(/\/quan-tri/);
    await page.getByTestId('alerts-bell').waitFor();

    const id = await submitOnline('Lê Văn Chuông');
    // The bell polls every minute; a reload shows the new state at once.
    await page.reload();
    await expect.poll(() => unread(page), WAIT).toBeGreaterThanOrEqual(1);

    const officer = await token('tiepnhan.tinh');
    const mine = (await unreadAlerts(officer)).find((a) => a.dossier.id === id);
    expect(mine?.kind).toBe('submitted');

    await page.getByTestId('alerts-bell').click();
    const item = page.locator(`[data-testid="alert-item"][data-dossier="${id}"]`);
    await item.waitFor(WAIT);
    expect(await item.getAttribute('data-unread')).toBe('true');
    const itemText = await item.innerText();
    expect(itemText).toContain('Hồ sơ trực tuyến mới');
    expect(itemText).toContain('vừa xong');
    expect(itemText.toLowerCase()).toContain('giấy phép xây dựng');
    await shot(page, 'alerts-laptop');

    const unreadBefore = await unreadAlerts(officer);
    await item.click();
    await page.waitForURL(new RegExp(`/quan-tri/ho-so/${id}$`), WAIT);
    await expect.poll(() => page.locator('body').innerText(), WAIT).toContain('Lê Văn Chuông');
    // The count goes down by the alert just opened. The demo province may still be loading in the
    // background and raising alerts of its own: those that arrived meanwhile are counted back in.
    await expect
      .poll(async () => {
        const now = await unreadAlerts(officer);
        const arrived = now.filter((a) => !unreadBefore.some((b) => b.id === a.id)).length;
        const shown = await unread(page);
        return shown === now.length && !now.some((a) => a.id === mine!.id) ? shown - arrived : -1;
      }, WAIT)
      .toBe(unreadBefore.length - 1);

    // Opened again, the alert is shown as read.
    await page.getByTestId('alerts-bell').click();
    await expect.poll(() => item.getAttribute('data-unread'), WAIT).toBeNull();
    await ctx.close();
  });

  it('on a phone the bell fits in the header and "mark all read" clears the count', async () => {
    await submitOnline('Trần Thị Báo Thức');
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await ctx.newPage();
    await login(page, 'tiepnhan.tinh', PASSWORD);
    await page.waitForURL(/\/quan-tri/);
    await expect.poll(() => unread(page), WAIT).toBeGreaterThanOrEqual(1);

    // Nothing in the header spills over the screen's edge.
    const box = await page.getByTestId('alerts-bell').boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByTestId('alerts-bell').click();
    await page.getByTestId('alerts-panel').waitFor();
    const panel = await page.getByTestId('alerts-panel').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
    await shot(page, 'alerts-phone');

    await page.getByTestId('alerts-read-all').click();
    await expect.poll(() => unread(page), WAIT).toBe(0);
    await expect.poll(() => page.getByTestId('alerts-panel').innerText(), WAIT).toContain('Không có cảnh báo chưa đọc');
    await ctx.close();
  });
});
