// The officer's day: counter intake, the internal workflow through five officers, the result
// returned, the timeline; and a stale page that meets the conflict message. One browser
// context (one person, one session) per officer.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, login, shot } from './browser.ts';

const PASSWORD = 'Demo@2026';
const PROVINCE_PROC = '1.902002';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let browser: Browser;
const contexts: BrowserContext[] = [];
const people: Record<string, Page> = {};

/** A signed-in page for the officer, in a browser context of their own. */
async function as(username: string, viewport = { width: 1366, height: 860 }, key = username): Promise<Page> {
  if (people[key]) return people[key];
  const ctx = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, username, PASSWORD);
  await page.waitForURL(/\/quan-tri/);
  people[key] = page;
  return page;
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

/** Picks `option` in the antd Select labelled `label`, typing `search` first when given. */
async function choose(page: Page, label: string, option: string | RegExp, search?: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  if (search) await field.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Opens the action's dialog, lets `fill` complete it, submits, and waits for the dialog to close. */
async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByTestId('action-submit').click();
  await expect.poll(() => page.locator('.ant-modal:visible').count(), { timeout: 15_000 }).toBe(0);
}

async function stepIs(page: Page, name: string) {
  await expect.poll(() => text(page, 'fact-step'), { timeout: 15_000 }).toContain(name);
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
});

describe("an officer's day", () => {
  let dossierUrl = '';
  let code = '';

  it('reception takes a dossier at the counter and sees its code and due date', async () => {
    const page = await as('tiepnhan.tinh');
    await expect.poll(() => page.getByTestId('queue-cards').innerText()).toMatch(/Cần xử lý/);
    await page.goto(`${BASE}/quan-tri/ho-so/tiep-nhan`);
    await page.getByTestId('intake-submit').waitFor();

    // Nothing chosen: the form explains in Vietnamese what is missing.
    await page.getByTestId('intake-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('Vui lòng chọn thủ tục hành chính.');

    // The procedure is found by typing without diacritics.
    await choose(page, 'Thủ tục', PROVINCE_PROC, 'giay phep xay dung moi');
    await expect.poll(() => text(page, 'legal-duration')).toContain('20 ngày làm việc');
    await expect.poll(() => page.getByTestId('component-row').count()).toBeGreaterThan(0);
    const components = await page.getByTestId('component-row').count();
    await expect.poll(() => text(page, 'received-count')).toBe(`Đã nhận ${components}/${components}`);

    await page.getByLabel('Họ và tên', { exact: true }).fill('Lê Thị Hồng');
    await page.getByLabel('Số định danh cá nhân / số giấy tờ', { exact: true }).fill('038190001234');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('abc');
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Số 12 Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa');
    await page.getByTestId('intake-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts()).toContain('Số điện thoại Việt Nam, ví dụ 0912 345 678.');
    await page.getByLabel('Số điện thoại', { exact: true }).fill('0912 345 678');

    // A scan of the application form, uploaded and attached to the first component.
    await page.getByTestId('component-row').first().locator('input[type=file]').setInputFiles({ name: 'don-de-nghi.pdf', mimeType: 'application/pdf', buffer: PDF });
    const firstRow = page.getByTestId('component-row').first();
    await expect.poll(() => firstRow.locator('.ant-upload-list-item').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => firstRow.locator('.ant-upload-list-item-uploading').count(), { timeout: 15_000 }).toBe(0);
    expect(await firstRow.locator('.ant-upload-list-item-error').count()).toBe(0);
    await page.getByLabel('Ghi chú của cán bộ tiếp nhận', { exact: true }).fill('Công dân nộp đủ hồ sơ, đã kiểm tra bản chính.');
    await shot(page, 'officer-intake-form');

    await page.getByTestId('intake-submit').click();
    await page.getByTestId('intake-success').waitFor({ timeout: 15_000 });
    code = (await text(page, 'created-code')).trim();
    expect(code).toMatch(/^000\.00\.01\.H56-\d{6}-\d{4}$/);
    // "Thứ Hai, 29/12/2026 17:00": weekday, date and time, in Vietnamese.
    expect(await text(page, 'created-due')).toMatch(/^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const receipt = await page.getByTestId('print-receipt').getAttribute('href');
    expect(receipt).toMatch(/\/slips\/receipt$/);
    // The receipt opens as a PDF (Mẫu 01) in the officer's session.
    const pdf = await page.context().request.get(`${BASE}${receipt}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await shot(page, 'officer-intake-done');

    await page.getByTestId('open-dossier').click();
    await page.getByTestId('dossier-page').waitFor();
    dossierUrl = page.url();
    expect(await text(page, 'dossier-code')).toContain(code);
    expect(await text(page, 'dossier-status')).toBe('Được tiếp nhận');
    expect(await page.getByTestId('components').innerText()).toContain('don-de-nghi.pdf');
  });

  it('reception forwards it to the department', async () => {
    const page = await as('tiepnhan.tinh');
    await act(page, 'forward', async (dialog) => {
      expect(await dialog.getByTestId('next-step').innerText()).toContain('Thẩm định hồ sơ');
    });
    await stepIs(page, 'Thẩm định hồ sơ');
    expect(await text(page, 'dossier-status')).toBe('Đang xử lý');
  });

  it('the head of division assigns it to the specialist', async () => {
    const page = await as('truongphong.xaydung');
    await page.goto(dossierUrl);
    await page.getByTestId('action-assign').waitFor();
    await act(page, 'assign', async () => {
      await choose(page, 'Cán bộ thụ lý', 'Trần Minh Đức');
    });
    await stepIs(page, 'Trần Minh Đức');
  });

  it('the specialist finds it under "Cần xử lý" and forwards it', async () => {
    const page = await as('chuyenvien.xaydung');
    await page.goto(`${BASE}/quan-tri/ho-so`);
    await expect.poll(() => page.getByTestId('queue-mine').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('dossier-search').fill(code);
    await expect.poll(() => page.getByTestId('dossier-list').innerText(), { timeout: 15_000 }).toContain(code);
    await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
    await shot(page, 'officer-queue-specialist');
    await page.getByTestId('dossier-list').getByText(code).click();
    await page.getByTestId('dossier-page').waitFor();
    await act(page, 'forward');
    await stepIs(page, 'Lãnh đạo phòng xem xét');
  });

  it('the head and the leader forward it; the clerk records the result', async () => {
    const head = await as('truongphong.xaydung');
    await head.reload();
    await act(head, 'forward');
    await stepIs(head, 'Lãnh đạo phê duyệt, ký');

    const leader = await as('lanhdao.xaydung');
    await leader.goto(dossierUrl);
    await act(leader, 'forward');
    await stepIs(leader, 'Vào số, phát hành và trả kết quả');

    const clerk = await as('vanthu.xaydung');
    await clerk.goto(dossierUrl);
    await act(clerk, 'complete', async (dialog) => {
      await dialog.getByLabel('Số, ký hiệu văn bản kết quả', { exact: true }).fill('125/GPXD');
      await dialog.getByLabel('Người ký', { exact: true }).fill('Đỗ Quang Vinh');
    });
    await expect.poll(() => text(clerk, 'dossier-status'), { timeout: 15_000 }).toBe('Đã xử lý xong');
    expect(await clerk.getByTestId('result-card').innerText()).toContain('125/GPXD');
  });

  it('reception returns the result, and the timeline shows every step', async () => {
    const page = await as('tiepnhan.tinh');
    await page.goto(`${BASE}/quan-tri/ho-so?queue=to_return`);
    await page.getByTestId('dossier-search').fill(code);
    await expect.poll(() => page.getByTestId('dossier-list').innerText(), { timeout: 15_000 }).toContain(code);
    await page.goto(dossierUrl);
    await act(page, 'return', async (dialog) => {
      expect(await dialog.getByLabel('Người nhận kết quả', { exact: true }).inputValue()).toBe('Lê Thị Hồng');
    });
    await expect.poll(() => text(page, 'dossier-status'), { timeout: 15_000 }).toBe('Đã trả kết quả');

    const actions = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['create', 'forward', 'assign', 'forward', 'forward', 'forward', 'complete', 'return']);
    const timeline = await page.getByTestId('timeline').innerText();
    for (const s of ['Tiếp nhận tại quầy', 'Phân công cho: Trần Minh Đức', 'Thẩm định hồ sơ', 'Lãnh đạo phòng xem xét', 'Lãnh đạo phê duyệt, ký', 'Vào số, phát hành và trả kết quả', '125/GPXD', 'người nhận: Lê Thị Hồng']) {
      expect(timeline).toContain(s);
    }
    // Each hand-off records how the step ended against its quota.
    expect(timeline).toMatch(/Bước Tiếp nhận hồ sơ\s*(Trước hạn|Đúng hạn|Quá hạn)/);
    for (const who of ['Nguyễn Thị Lan', 'Hoàng Văn Nam', 'Trần Minh Đức', 'Đỗ Quang Vinh', 'Bùi Thị Hạnh']) expect(timeline).toContain(who);
    await shot(page, 'officer-dossier-returned');
  });

  it('an officer acting on a stale page is told someone else updated the dossier', async () => {
    const reception = await as('tiepnhan.tinh');
    // A second dossier, received and forwarded through the API of the reception officer's session.
    const created = await reception.context().request.post(`${BASE}/api/v1/dossiers`, {
      data: {
        procedureCode: PROVINCE_PROC,
        channel: 'counter',
        applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '038085004321', phone: '0987111222', address: 'Thôn Đông, xã Hoằng Hóa, tỉnh Thanh Hóa' },
        components: [{ name: 'Đơn đề nghị cấp giấy phép xây dựng' }],
      },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(created.status()).toBe(201);
    const d = (await created.json()) as { id: string; version: number };
    const fwd = await reception.context().request.post(`${BASE}/api/v1/dossiers/${d.id}/actions`, {
      data: { action: 'forward', expectedVersion: d.version },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(fwd.status()).toBe(200);

    const head = await as('truongphong.xaydung');
    const leader = await as('lanhdao.xaydung');
    await head.goto(`${BASE}/quan-tri/ho-so/${d.id}`);
    await leader.goto(`${BASE}/quan-tri/ho-so/${d.id}`);
    await head.getByTestId('action-forward').waitFor();
    await leader.getByTestId('action-assign').waitFor();

    // The leader assigns the specialist; the head, still looking at the old page, forwards.
    await act(leader, 'assign', async () => {
      await choose(leader, 'Cán bộ thụ lý', 'Trần Minh Đức');
    });
    await stepIs(leader, 'Trần Minh Đức');
    await act(head, 'forward');
    await expect.poll(() => head.getByTestId('conflict-alert').innerText(), { timeout: 15_000 }).toContain('Hồ sơ vừa được người khác cập nhật');
    // The page reloaded: the head now sees the assignment and the dossier did not move.
    await stepIs(head, 'Trần Minh Đức');
    expect(await text(head, 'fact-step')).toContain('Thẩm định hồ sơ');
    await shot(head, 'officer-conflict');
  });

  it('works on a phone: the queue becomes cards, the dossier page and the intake form fit', async () => {
    const page = await as('tiepnhan.tinh', { width: 390, height: 844 }, 'phone');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(`${BASE}/quan-tri/ho-so?queue=all`);
    await page.getByTestId('queue-all').waitFor();
    await expect.poll(() => page.locator('a[data-testid=dossier-row]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot(page, 'officer-queue-phone');
    await page.goto(dossierUrl);
    await page.getByTestId('timeline').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot(page, 'officer-dossier-phone');
    await page.goto(`${BASE}/quan-tri/ho-so/tiep-nhan`);
    await page.getByTestId('intake-submit').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot(page, 'officer-intake-phone');
  });
});
