import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, BASE, launch, login, shot } from './browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // A busy machine (or a server still loading its demo dossiers) answers slowly: be patient, never timed.
  page.setDefaultTimeout(60_000);
  page.setDefaultNavigationTimeout(90_000);
}, 120_000);
afterAll(async () => browser?.close());

/** Picks an option in the antd Select or TreeSelect labelled `label`. */
async function choose(label: string, option: string, search?: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  if (search) await field.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:visible, .ant-tree-select-dropdown:visible');
  await dropdown.getByText(option, { exact: false }).first().click();
  await page.keyboard.press('Escape');
}

const body = () => page.locator('body').innerText();
/** Right after start the server may still be loading demo dossiers: wait generously. */
const wait = { timeout: 60_000 };
const status = () => page.getByTestId('procedure-status').innerText();
const NAME = 'Cấp bản sao trích lục hộ tịch (thử nghiệm)';

describe('catalogue administration journey', () => {
  it('the admin creates a procedure with one case and builds its workflow from the editor', async () => {
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/quan-tri/);
    await page.locator('.mc-admin__menu').getByRole('link', { name: 'Thủ tục hành chính' }).click();
    await page.waitForURL(/\/quan-tri\/thu-tuc$/, { waitUntil: 'commit' });
    await expect.poll(body, wait).toMatch(/Đang công bố · v1/);
    await shot(page, 'catalogue-admin-list');

    await page.getByTestId('procedure-add').click();
    await page.waitForURL(/\/quan-tri\/thu-tuc\/moi$/, { waitUntil: 'commit' });
    await page.getByLabel('Mã thủ tục', { exact: true }).fill('1.999901');
    await choose('Lĩnh vực', 'Hộ tịch', 'ho tich');
    await page.getByLabel('Tên thủ tục hành chính', { exact: true }).fill(NAME);
    await page.getByLabel('Cấp tỉnh', { exact: true }).check();
    await choose('Cơ quan thực hiện (tiếp nhận, giải quyết)', 'Sở Tư pháp', 'tu phap');
    await page.getByLabel('1. Trình tự thực hiện', { exact: true }).fill('Bước 1: Nộp hồ sơ. Bước 2: Thẩm định. Bước 3: Trả kết quả.');
    await page.getByLabel('2. Cách thức thực hiện', { exact: true }).fill('Trực tiếp hoặc trực tuyến.');
    await page.getByRole('button', { name: 'Thêm giấy tờ' }).click();
    await page.getByLabel('Tên giấy tờ 1', { exact: true }).fill('Tờ khai đề nghị cấp bản sao trích lục');
    await page.getByLabel('4. Thời hạn giải quyết', { exact: true }).fill('03 ngày làm việc');
    await page.getByLabel('5. Đối tượng thực hiện', { exact: true }).fill('Cá nhân');
    await page.getByLabel('6. Cơ quan thực hiện', { exact: true }).fill('Sở Tư pháp');
    await page.getByLabel('7. Kết quả thực hiện', { exact: true }).fill('Bản sao trích lục hộ tịch');

    // Case 1 comes prefilled (MD, Thông thường); three working days are 24 working hours.
    await page.getByLabel('Thời hạn trường hợp 1', { exact: true }).fill('3');
    for (let i = 0; i < 3; i++) await page.getByTestId('wf-add-step').click();
    await page.getByLabel('Tên bước 1', { exact: true }).fill('Tiếp nhận hồ sơ');
    await page.getByLabel('Tên bước 2', { exact: true }).fill('Thẩm định, xử lý');
    await page.getByLabel('Tên bước 3', { exact: true }).fill('Lãnh đạo ký, trả kết quả');
    await choose('Vai trò bước 3', 'Lãnh đạo cơ quan');
    await page.getByLabel('Định mức bước 1 (giờ làm việc)', { exact: true }).fill('4');
    await page.getByLabel('Định mức bước 2 (giờ làm việc)', { exact: true }).fill('30');
    await page.getByLabel('Định mức bước 3 (giờ làm việc)', { exact: true }).fill('4');
    await page.getByLabel('Tên bước 3', { exact: true }).click();

    // The diagram follows the editor: three steps, two forward transitions, step 3 is the end.
    const nodes = page.locator('[data-testid="wf-diagram"] svg [data-testid="wf-node"]');
    await expect.poll(() => nodes.count(), wait).toBe(3);
    await expect.poll(() => page.locator('[data-testid="wf-diagram"] svg [data-testid="wf-edge"]').count(), wait).toBe(2);
    await expect.poll(() => nodes.nth(2).getAttribute('aria-label'), wait).toMatch(/Lãnh đạo ký, trả kết quả\. Lãnh đạo cơ quan.*Bước kết thúc/);
    // Live validation: 38 hours of quotas against 24.
    await expect.poll(() => page.getByTestId('wf-check').innerText(), wait).toMatch(/vượt thời hạn giải quyết 24 giờ/);
    await expect.poll(() => page.getByTestId('wf-hours').innerText(), wait).toMatch(/38 giờ.*24 giờ/);
    await page.getByTestId('wf-diagram').scrollIntoViewIfNeeded();
    await shot(page, 'catalogue-admin-workflow-invalid');
  }, 300_000);

  it('refuses to publish while the quotas exceed the duration, then publishes once fixed', async () => {
    await page.getByTestId('procedure-publish').click();
    await expect.poll(() => page.getByTestId('publish-problems').innerText(), wait).toMatch(/vượt thời hạn giải quyết 24 giờ/);
    // Saved as a draft on the way: the address is now the procedure's own.
    await page.waitForURL(/\/quan-tri\/thu-tuc\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await expect.poll(status, wait).toMatch(/Chưa công bố.*Bản dự thảo: phiên bản 1/s);
    await shot(page, 'catalogue-admin-publish-refused');

    await page.getByLabel('Định mức bước 2 (giờ làm việc)', { exact: true }).fill('12');
    await page.getByLabel('Tên bước 2', { exact: true }).click();
    await expect.poll(() => page.getByTestId('wf-check').innerText(), wait).toMatch(/Hợp lệ/);
    await expect.poll(() => page.getByTestId('wf-hours').innerText(), wait).toMatch(/20 giờ.*24 giờ/);
    await page.getByTestId('procedure-publish').click();
    await expect.poll(status, wait).toMatch(/Đang công bố: phiên bản 1/);
    await expect.poll(status, wait).not.toMatch(/Bản dự thảo/);
    await expect.poll(() => page.getByTestId('publish-problems').count(), wait).toBe(0);
    await shot(page, 'catalogue-admin-published');

    // The public catalogue shows it now.
    const res = await page.request.get(`${BASE}/api/v1/procedures/1.999901`);
    expect(res.status()).toBe(200);
    expect((await res.json()).cases[0].workflow.steps.map((s: { quotaHours: number }) => s.quotaHours)).toEqual([4, 12, 4]);
  }, 300_000);

  it('editing the published procedure makes version 2 while version 1 stays readable', async () => {
    await page.reload();
    await expect.poll(body, wait).toMatch(/Khi lưu thay đổi, hệ thống tạo bản dự thảo phiên bản 2/);
    await page.getByLabel('Tên thủ tục hành chính', { exact: true }).fill(`${NAME} sửa đổi`);
    await page.getByTestId('procedure-save').click();
    await expect.poll(status, wait).toMatch(/Đang công bố: phiên bản 1.*Bản dự thảo: phiên bản 2/s);

    await page.getByTestId('procedure-versions-link').click();
    await page.waitForURL(/\/phien-ban$/, { waitUntil: 'commit' });
    await expect.poll(() => page.getByTestId('version-banner').innerText(), wait).toMatch(/Phiên bản 1: đang công bố/);
    await expect.poll(() => page.locator('h3').first().innerText(), wait).toBe(NAME);
    await expect.poll(() => page.locator('[data-testid="procedure-version-view"] [data-testid="wf-node"]').count(), wait).toBe(3);
    await page.getByTestId('version-2').click();
    await expect.poll(() => page.getByTestId('version-banner').innerText(), wait).toMatch(/Phiên bản 2: dự thảo/);
    await expect.poll(() => page.locator('h3').first().innerText(), wait).toBe(`${NAME} sửa đổi`);

    // Publish version 2; version 1 is archived and still readable, with its workflow.
    await page.getByRole('link', { name: /Sửa bản dự thảo/ }).click();
    await page.waitForURL(/\/quan-tri\/thu-tuc\/[0-9a-f-]{36}$/, { waitUntil: 'commit' });
    await page.getByTestId('procedure-publish').click();
    await expect.poll(status, wait).toMatch(/Đang công bố: phiên bản 2/);
    await page.getByTestId('procedure-versions-link').click();
    await page.getByTestId('version-1').click();
    await expect.poll(() => page.getByTestId('version-banner').innerText(), wait).toMatch(/Phiên bản 1: đã thay thế/);
    await expect.poll(() => page.locator('h3').first().innerText(), wait).toBe(NAME);
    await expect.poll(() => page.locator('[data-testid="procedure-version-view"] [data-testid="wf-node"]').count(), wait).toBe(3);
    await shot(page, 'catalogue-admin-versions');
  }, 300_000);

  it('stays usable on a phone: the form stacks and the diagram scrolls sideways', async () => {
    // A phone with the admin's session.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      storageState: await page.context().storageState(),
    });
    const phone = await context.newPage();
    phone.setDefaultTimeout(60_000);
    phone.setDefaultNavigationTimeout(90_000);
    try {
      await phone.goto(page.url().replace(/\/phien-ban\/\d+$/, ''), { waitUntil: 'load' });
      await phone.waitForSelector('[data-testid="wf-diagram"]');
      const scroll = phone.locator('.mc-wf__scroll').first();
      const [client, content] = await scroll.evaluate((el) => [el.clientWidth, el.scrollWidth]);
      expect(content).toBeGreaterThan(client);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.getByTestId('wf-diagram').scrollIntoViewIfNeeded();
      await shot(phone, 'catalogue-admin-phone');
    } finally {
      await context.close();
    }
  }, 300_000);
});
