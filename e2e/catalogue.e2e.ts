import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, shot } from './browser.ts';

// The public procedure catalogue: search, filters in the URL, a procedure's page, and the phone layout.
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 850 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // Just after start the server loads the demo dossiers in the background, on the same thread as PGlite.
  page.setDefaultTimeout(60_000);
});
afterAll(async () => browser?.close());

/** The server may be busy (the demo province loads its dossiers in the background): be patient. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
const names = (p: Page) => p.locator('[data-testid="procedure-item"] h3').allInnerTexts();
const query = (p: Page) => new URL(p.url()).searchParams;
/** Waits until the results shown answer the filters in the address bar. */
async function settled(p: Page) {
  await expect
    .poll(async () => (await p.getByTestId('catalogue-results').getAttribute('data-for')) === query(p).toString(), { timeout: 30_000 })
    .toBe(true);
}
const overflow = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('public procedure catalogue', () => {
  it('finds a procedure typed without diacritics, and the search is in the URL', async () => {
    await page.goto(`${BASE}/thu-tuc`);
    await poll(() => page.getByTestId('procedure-item').count()).toBeGreaterThan(10);
    await page.getByTestId('catalogue-search').fill('cap giay phep xay dung');
    await poll(() => query(page).get('q')).toBe('cap giay phep xay dung');
    await settled(page);
    expect(await names(page)).toContain('Cấp giấy phép xây dựng nhà ở riêng lẻ');
    expect((await names(page)).every((n) => /giấy phép xây dựng/i.test(n))).toBe(true);
    expect(await page.getByTestId('catalogue-total').innerText()).toMatch(/^\d+ thủ tục phù hợp$/);
    await shot(page, 'catalogue-search');
  });

  it('filters by field and level; the filters live in the URL, survive a reload, and the back button undoes them', async () => {
    await page.goto(`${BASE}/thu-tuc`);
    await page.getByLabel('Lĩnh vực', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByText('Xây dựng', { exact: true }).click();
    await poll(() => query(page).get('linh-vuc')).toBe('XAY_DUNG');
    await page.getByRole('radio', { name: 'Cấp tỉnh' }).click();
    await poll(() => query(page).get('cap')).toBe('tinh');
    await settled(page);
    const items = page.getByTestId('procedure-item');
    for (const text of await items.allInnerTexts()) {
      expect(text).toContain('Xây dựng');
      expect(text).toContain('Cấp tỉnh');
    }
    const provinceCount = await items.count();
    await shot(page, 'catalogue-filtered');

    // Shared link: the same filters after a reload.
    await page.reload();
    await poll(() => page.getByRole('radio', { name: 'Cấp tỉnh' }).isChecked()).toBe(true);
    await poll(() => page.locator('.mc-cat-active').innerText()).toContain('Lĩnh vực: Xây dựng');
    await settled(page);
    expect(await page.getByTestId('procedure-item').count()).toBe(provinceCount);

    // Back: the level filter goes, the field stays.
    await page.goBack();
    await poll(() => query(page).get('cap')).toBeNull();
    expect(query(page).get('linh-vuc')).toBe('XAY_DUNG');
    await poll(() => page.getByRole('radio', { name: 'Tất cả các cấp' }).isChecked()).toBe(true);
    await settled(page);
    expect(await page.getByTestId('procedure-item').count()).toBeGreaterThan(provinceCount);

    // A search that finds nothing says so and offers a way out.
    await page.goto(`${BASE}/thu-tuc?q=${encodeURIComponent('khong co thu tuc nao nhu vay')}&cap=xa`);
    await poll(() => page.getByTestId('catalogue-empty').innerText()).toContain('Không tìm thấy thủ tục phù hợp');
    await page.getByRole('button', { name: 'Xem tất cả thủ tục' }).click();
    await poll(() => page.getByTestId('procedure-item').count()).toBeGreaterThan(10);
    expect(new URL(page.url()).search).toBe('');
  });

  it('opens a procedure and shows every component of Decree 63, with its version', async () => {
    await page.goto(`${BASE}/thu-tuc?q=${encodeURIComponent('giấy phép xây dựng nhà ở riêng lẻ')}`);
    await page.getByTestId('procedure-item').filter({ hasText: 'Cấp giấy phép xây dựng nhà ở riêng lẻ' }).first().click();
    await page.waitForURL(/\/thu-tuc\/1\.\d{6}$/);
    await poll(() => page.locator('h1').innerText()).toBe('Cấp giấy phép xây dựng nhà ở riêng lẻ');
    for (const id of ['trinh-tu', 'cach-thuc', 'ho-so', 'thoi-han', 'doi-tuong', 'co-quan', 'ket-qua', 'phi', 'can-cu']) {
      await expect.poll(() => page.getByTestId(`section-${id}`).isVisible(), { message: id, timeout: 30_000 }).toBe(true);
    }
    const steps = await page.getByTestId('section-trinh-tu').innerText();
    expect(steps.split('\n').filter((l) => /^Bước \d/.test(l.trim())).length).toBeGreaterThan(1); // line breaks kept
    await poll(() => page.getByTestId('section-ho-so').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('section-ho-so').innerText()).toMatch(/Bản chính/);
    expect(await page.getByTestId('procedure-cases').innerText()).toMatch(/\d+ ngày làm việc/);
    expect(await page.getByTestId('section-phi').innerText()).toMatch(/[\d.]+ đồng|Không thu phí/);
    expect(await page.getByTestId('procedure-decision').innerText()).toMatch(/^Số .+ ngày \d{2}\/\d{2}\/\d{4}/);
    expect(await page.getByTestId('procedure-version').innerText()).toMatch(/^1 · công bố ngày \d{2}\/\d{2}\/\d{4}$/);
    await poll(() => page.getByTestId('procedure-versions').innerText()).toMatch(/Phiên bản 1\s*Đang áp dụng/);
    await shot(page, 'procedure-detail');

    // A link to the page works on its own (the code's dot is not a file extension), and an unknown code says so.
    const url = page.url();
    await page.goto(url);
    await poll(() => page.locator('h1').innerText()).toBe('Cấp giấy phép xây dựng nhà ở riêng lẻ');
    await page.goto(`${BASE}/thu-tuc/9.999999`);
    await poll(() => page.locator('body').innerText()).toContain('Không tìm thấy thủ tục');
  });

  it('fits a phone: no horizontal overflow on the list, the filters and a procedure', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(60_000);
    try {
      await phone.goto(`${BASE}/thu-tuc?q=${encodeURIComponent('dang ky')}`);
      await poll(() => phone.getByTestId('procedure-item').count()).toBeGreaterThan(0);
      expect(await overflow(phone)).toBeLessThanOrEqual(0);
      await shot(phone, 'catalogue-phone');

      await phone.getByTestId('filters-open').click();
      await phone.getByRole('radio', { name: 'Cấp xã' }).click();
      await poll(() => query(phone).get('cap')).toBe('xa');
      expect(query(phone).get('q')).toBe('dang ky');
      await settled(phone);
      await shot(phone, 'catalogue-phone-filters');
      await phone.getByTestId('filters-apply').click();
      await poll(() => phone.locator('.ant-drawer-open').count()).toBe(0);
      for (const text of await phone.getByTestId('procedure-item').allInnerTexts()) expect(text).toContain('Cấp xã');

      await phone.getByTestId('procedure-item').first().click();
      await phone.waitForURL(/\/thu-tuc\/1\.\d{6}$/);
      await poll(() => phone.getByTestId('section-can-cu').isVisible()).toBe(true);
      expect(await overflow(phone)).toBeLessThanOrEqual(0);
      await shot(phone, 'procedure-phone');
    } finally {
      await phone.close();
    }
  });
});
