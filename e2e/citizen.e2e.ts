// A citizen online, on a phone: registers, files a building permit with PDF uploads, supplements
// exactly what the one-stop unit asked for, follows the dossier to its result, rates it; then the
// public lookup by code and last four digits shows it returned, with no personal data.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, launch, shot } from './browser.ts';

let browser: Browser;
let phone: BrowserContext;
let page: Page;

const stamp = Date.now().toString().slice(-8);
const citizen = {
  fullName: 'Đặng Thị Thu Hà',
  idNumber: `0381${stamp}`,
  phone: `09${stamp}`,
  username: `thuha.${stamp}`,
  password: 'ThuHa@2026',
  address: 'Số 8 ngõ 12 phố Lê Hoàn, phường Hạc Thành, tỉnh Thanh Hóa',
};
const last4 = citizen.idNumber.slice(-4);
/** Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV: province level, online full. */
const PROC = '1.902002';
const MISSING = [
  { name: 'Bản vẽ mặt bằng tầng 1 có chữ ký của chủ đầu tư', reason: 'Bản vẽ đã nộp chưa có chữ ký' },
  { name: 'Giấy tờ hợp pháp về đất đai', reason: 'Bản chụp bị mờ, không đọc được số thửa' },
];

const pdf = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

beforeAll(async () => {
  browser = await launch();
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await phone.newPage();
});
afterAll(async () => browser?.close());

// ——— the officers' side, through the API ———

const tokens: Record<string, string> = {};
async function token(username: string): Promise<string> {
  if (!tokens[username]) {
    const res = await fetch(`${BASE}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2026' }) });
    expect(res.status, `login ${username}`).toBe(200);
    tokens[username] = ((await res.json()) as { token: string }).token;
  }
  return tokens[username];
}
type Dossier = { id: string; code: string | null; status: number; version: number };
async function getDossier(id: string): Promise<Dossier> {
  const res = await fetch(`${BASE}/api/v1/dossiers/${id}`, { headers: { authorization: `Bearer ${await token('tiepnhan.tinh')}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Dossier;
}
async function act(id: string, username: string, action: string, body: object = {}): Promise<Dossier> {
  const d = await getDossier(id);
  const res = await fetch(`${BASE}/api/v1/dossiers/${id}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(username)}` },
    body: JSON.stringify({ action, expectedVersion: d.version, ...body }),
  });
  const text = await res.text();
  expect(res.status, `${action} by ${username}: ${text}`).toBe(200);
  return JSON.parse(text) as Dossier;
}

/** No horizontal scrolling on the phone. */
async function fitsWidth(p: Page) {
  const { scroll, client } = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, 'horizontal overflow').toBeLessThanOrEqual(client);
}

const bodyText = (p: Page) => p.locator('body').innerText();
/** The server may be busy loading the demo province in the background: be patient, never timed. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000, interval: 200 });
let dossierId = '';
let code = '';

describe('a citizen online, on a phone', () => {
  it('registers from the login page and comes back to the online submission', async () => {
    await page.goto(`${BASE}/nop-ho-so/${PROC}`);
    await page.waitForURL(/\/dang-nhap\?next=/);
    await page.getByTestId('register-link').click();
    await page.waitForURL(/\/dang-ky/);
    await page.getByTestId('register-fullName').fill(citizen.fullName);
    await page.getByTestId('register-idNumber').fill(citizen.idNumber);
    await page.getByTestId('register-phone').fill(citizen.phone);
    await page.getByTestId('register-username').fill(citizen.username);
    await page.getByTestId('register-password').fill(citizen.password);
    await page.getByTestId('register-confirm').fill(citizen.password);
    await page.getByTestId('register-pledge').check();
    await shot(page, 'citizen-register-phone');
    await fitsWidth(page);
    await page.getByTestId('register-submit').click();
    await page.waitForURL(new RegExp(`/nop-ho-so/${PROC.replace('.', '\\.')}$`));
  });

  it('submits the building permit online with a PDF for each document', async () => {
    await poll(() => bodyText(page)).toContain('Cấp giấy phép xây dựng mới');
    await poll(() => bodyText(page)).toContain('Phòng Quản lý hoạt động xây dựng');
    await shot(page, 'citizen-submit-1-procedure');
    await fitsWidth(page);
    await page.getByTestId('step-next').click();

    // The applicant is prefilled from the account.
    await poll(() => page.getByTestId('applicant-fullName').inputValue()).toBe(citizen.fullName);
    expect(await page.getByTestId('applicant-idNumber').inputValue()).toBe(citizen.idNumber);
    await page.getByTestId('applicant-address').fill(citizen.address);
    await shot(page, 'citizen-submit-2-applicant');
    await fitsWidth(page);
    await page.getByTestId('step-next').click();

    // Each required document gets its file; a wrong type is refused on the spot.
    await page.getByTestId('component-0-files-input').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải PDF') });
    await poll(() => page.getByTestId('component-0').innerText()).toMatch(/Chỉ nhận tệp PDF, JPEG hoặc PNG/);
    await page.getByRole('button', { name: 'Bỏ tệp ghi-chu.txt' }).click();
    const components = await page.locator('[data-testid^="component-"][data-testid$="-files-input"]').count();
    expect(components).toBe(3);
    for (let i = 0; i < components; i++) {
      // A long file name, as phones produce, must not widen the page.
      const name = i === 1 ? 'ban-ve-thiet-ke-xay-dung-nha-o-mat-bang-tang-1-tang-2-mat-dung-mat-cat-ban-quet-mau.pdf' : `thanh-phan-${i + 1}.pdf`;
      await page.getByTestId(`component-${i}-files-input`).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(`${stamp}-${i}`) });
    }
    await poll(() => page.getByText('Đã tải lên').count()).toBe(3);
    await shot(page, 'citizen-submit-3-documents');
    await fitsWidth(page);
    await page.getByTestId('step-next').click();

    await poll(() => bodyText(page)).toContain('Xem lại hồ sơ');
    await page.getByTestId('pledge').check();
    await shot(page, 'citizen-submit-4-review');
    await fitsWidth(page);
    await page.getByTestId('submit-dossier').click();
    await poll(() => page.getByTestId('submit-success').count()).toBe(1);
    await poll(() => bodyText(page)).toMatch(/Điều gì xảy ra tiếp theo/);
    await shot(page, 'citizen-submit-done');
    await fitsWidth(page);
    const href = await page.getByTestId('open-dossier').locator('xpath=ancestor::a').getAttribute('href');
    dossierId = href!.split('/').pop()!;
    expect(dossierId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sees it in “Hồ sơ của tôi” as Mới đăng ký', async () => {
    await page.getByLabel('Mở menu').click();
    await page.getByTestId('my-dossiers-link').last().click();
    await page.waitForURL(/\/ca-nhan\/ho-so$/);
    await poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    const card = page.getByTestId('my-dossier').first();
    await poll(() => card.innerText()).toContain('Cấp giấy phép xây dựng mới');
    expect(await card.getByTestId('status-tag').innerText()).toBe('Mới đăng ký');
    await shot(page, 'citizen-my-dossiers');
    await fitsWidth(page);
  });

  it('is asked for exactly what is missing, uploads it and sends it', async () => {
    await act(dossierId, 'tiepnhan.tinh', 'request_supplement', { items: MISSING, reason: 'Hồ sơ chưa đầy đủ, hợp lệ' });
    await page.goto(`${BASE}/ca-nhan/ho-so/${dossierId}`);
    const panel = page.getByTestId('supplement-panel');
    await poll(() => panel.count()).toBe(1);
    const names = await panel.locator('.mc-cz-component__name').allInnerTexts();
    expect(names).toEqual(MISSING.map((m) => m.name));
    expect(await panel.innerText()).toContain(MISSING[1].reason);
    for (let i = 0; i < MISSING.length; i++) {
      await page.getByTestId(`supplement-${i}-files-input`).setInputFiles({ name: `bo-sung-${i + 1}.pdf`, mimeType: 'application/pdf', buffer: pdf(`bo-sung-${stamp}-${i}`) });
    }
    await poll(() => panel.getByText('Đã tải lên').count()).toBe(2);
    await shot(page, 'citizen-supplement');
    await fitsWidth(page);
    await page.getByTestId('send-supplement').click();
    await poll(() => page.getByTestId('supplement-panel').count()).toBe(0);
    expect(await page.getByTestId('status-tag').first().innerText()).toBe('Mới đăng ký');
    await poll(() => page.getByTestId('timeline').innerText()).toContain('Đã gửi bổ sung hồ sơ');
  });

  it('follows the dossier to its result and rates it', async () => {
    let d = await act(dossierId, 'tiepnhan.tinh', 'accept');
    code = d.code!;
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    d = await act(dossierId, 'tiepnhan.tinh', 'forward');
    d = await act(dossierId, 'truongphong.xaydung', 'forward');
    d = await act(dossierId, 'truongphong.xaydung', 'forward');
    d = await act(dossierId, 'lanhdao.xaydung', 'forward');
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    d = await act(dossierId, 'vanthu.xaydung', 'complete', { result: { number: '215/GPXD', signer: 'Đỗ Quang Vinh', signedOn: today } });
    d = await act(dossierId, 'tiepnhan.tinh', 'return', { method: 'electronic' });
    expect(d.status).toBe(10);

    await page.reload();
    await poll(() => page.getByTestId('status-tag').first().innerText()).toBe('Đã trả kết quả');
    expect(await bodyText(page)).toContain(code);
    await page.getByTestId('rate-very_satisfied').click();
    await page.getByTestId('rate-comment').fill('Cán bộ hướng dẫn bổ sung rõ ràng, trả kết quả đúng hẹn.');
    await shot(page, 'citizen-rate');
    await fitsWidth(page);
    await page.getByTestId('rate-submit').click();
    await poll(() => page.getByTestId('rating-done').innerText()).toContain('Rất hài lòng');
    await shot(page, 'citizen-returned');
  });

  it('the public lookup by code and last 4 digits shows it returned, with no personal data', async () => {
    const guest = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const p = await guest.newPage();
    // The receipt's QR code opens the page with the code filled in.
    await p.goto(`${BASE}/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`);
    await poll(() => p.getByTestId('lookup-code').inputValue()).toBe(code);
    await p.getByTestId('lookup-verify').fill(last4);
    await p.getByTestId('lookup-submit').click();
    const result = p.getByTestId('lookup-result');
    await poll(() => result.count()).toBe(1);
    expect(await result.getByTestId('status-tag').first().innerText()).toBe('Đã trả kết quả');
    expect(await result.innerText()).toContain('Trả kết quả');
    // Already rated from the account: the page thanks instead of asking again.
    await poll(() => p.getByTestId('rating-done').count()).toBe(1);
    const text = await bodyText(p);
    for (const secret of [citizen.fullName, citizen.idNumber, citizen.phone, citizen.address, 'Đỗ Quang Vinh']) expect(text).not.toContain(secret);
    await shot(p, 'citizen-lookup-phone');
    await fitsWidth(p);

    await p.getByTestId('lookup-verify').fill('0000');
    await p.getByTestId('lookup-submit').click();
    await poll(() => p.getByTestId('lookup-error').innerText()).toMatch(/không tìm thấy/i);
    expect(await p.getByTestId('lookup-result').count()).toBe(0);
    await shot(p, 'citizen-lookup-not-found');
    await guest.close();
  });
});
