/**
 * Text messages through a pluggable sender, chosen by SMS_DRIVER:
 * - `log` (default): the message is written to the server log and counts as
 *   sent (demonstrations, or while no gateway is contracted);
 * - `http`: a generic gateway adapter that POSTs JSON `{ "to", "text" }` to
 *   SMS_HTTP_URL, with `Authorization: Bearer SMS_HTTP_TOKEN` when set.
 * A province plugs its provider by pointing `http` at it (or at a small
 * adapter of its own) or by adding a driver here.
 */
import type { Config } from '../../config.ts';
import { DeliveryError } from './smtp.ts';

export interface SmsSender {
  name: string;
  /** Whether the gateway takes Vietnamese with diacritics; otherwise it gets the accent-free variant. */
  unicode: boolean;
  send(to: string, text: string): Promise<void>;
}

type SmsConfig = Pick<Config, 'smsDriver' | 'smsHttpUrl' | 'smsHttpToken' | 'smsUnicode'>;

export function logSender(log: (line: string) => void = (l) => console.info(l), unicode = true): SmsSender {
  return {
    name: 'log',
    unicode,
    async send(to, text) {
      log(`[sms] tới ${to}: ${text}`);
    },
  };
}

export function httpSender(url: string, token: string | null, unicode: boolean): SmsSender {
  return {
    name: 'http',
    unicode,
    async send(to, text) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ to, text }),
          signal: AbortSignal.timeout(20_000),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw new DeliveryError(`Không kết nối được cổng tin nhắn (${cause}).`, { serverDown: true });
      }
      if (res.ok) {
        await res.arrayBuffer().catch(() => undefined);
        return;
      }
      const body = (await res.text().catch(() => '')).slice(0, 300);
      // A request the gateway refuses as such will be refused again; overload and outages pass.
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429 && res.status !== 401 && res.status !== 403;
      throw new DeliveryError(`Cổng tin nhắn trả lỗi HTTP ${res.status}${body ? `: ${body}` : ''}`, { permanent, serverDown: !permanent });
    },
  };
}

export function createSmsSender(config: SmsConfig): SmsSender {
  if (config.smsDriver === 'http' && config.smsHttpUrl) return httpSender(config.smsHttpUrl, config.smsHttpToken, config.smsUnicode);
  return logSender(undefined, config.smsUnicode);
}
