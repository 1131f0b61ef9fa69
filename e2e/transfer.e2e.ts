// Chuyển phi địa giới: a commune's reception officer transfers a dossier to the competent unit of
// another locality from the dossier page's forward dialog.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, shot } from './browser.ts';

const PASSWORD = 'Demo@2026';
const WAIT = { timeout: 20_000 };
let browser: Browser;
let id = '';

beforeAll(async () => {
  browser = await launch();
  const res = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'tiepnhan.hacthanh', password: PASSWORD }),
  });
  const { token } = (await res.json()) as { token: string };
  const d = await fetch(`${BASE}/api/v1/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      procedureCode: '1.902001',
      channel: 'counter',
      applicant: { fullName: 'Phạm Văn Chuyển', idNumber: '038095004321', phone: '0912 111 222', address: 'Xã Hoằng Hóa, tỉnh Thanh Hóa' },
      components: [{ name: 'Đơn đề nghị cấp giấy phép xây dựng' }],
    }),
  });
  expect(d.ok).toBe(true);
  id = ((await d.json()) as { id: string }).id;
});
afterAll(async () => browser?.close());

describe('transfer to another locality', () => {
  it('the forward dialog offers the procedure’s other agencies, asks for a reason, and moves the dossier', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await login(page, 'tiepnhan.hacthanh', PASSWORD);
    await page.waitForURL(/\/quan-tri/);
    await page.goto(`${BASE}/quan-tri/ho-so/${id}`);
    await page.getByTestId('action-forward').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByText('Chuyển cơ quan giải quyết khác (phi địa giới)').click(WAIT);

    // Nothing chosen: both the agency and the reason are asked for.
    await dialog.getByTestId('action-submit').click();
    await expect
      .poll(() => dialog.locator('.ant-form-item-explain-error').allInnerTexts(), WAIT)
      .toEqual(['Vui lòng chọn cơ quan tiếp nhận hồ sơ chuyển đến.', 'Vui lòng nêu lý do chuyển hồ sơ.']);

    await dialog.getByLabel('Cơ quan giải quyết mới').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor(WAIT);
    // The current agency is not offered.
    expect(await options.allInnerTexts()).not.toContain('Ủy ban nhân dân phường Hạc Thành');
    await options.filter({ hasText: 'Ủy ban nhân dân xã Hoằng Hóa' }).click();
    await dialog.getByLabel('Lý do chuyển').fill('Công trình thuộc địa bàn xã Hoằng Hóa');
    await shot(page, 'transfer-dialog');
    await dialog.getByTestId('action-submit').click();
    await expect.poll(() => page.locator('.ant-modal:visible').count(), WAIT).toBe(0);

    const body = () => page.locator('body').innerText();
    await expect.poll(body, WAIT).toContain('Chuyển đến cơ quan: Ủy ban nhân dân xã Hoằng Hóa');
    expect(await body()).toContain('Công trình thuộc địa bàn xã Hoằng Hóa');
    await page.close();
  });
});
