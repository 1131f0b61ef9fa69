/** Starts the test SMTP server (smtp-sink.ts) in a child process and collects what it receives. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ReceivedMail {
  from: string | null;
  to: string[];
  user: string | null;
  headerFrom: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Resolves once at least n messages have arrived (rejects after a generous wait). */
  waitFor: (n: number) => Promise<ReceivedMail[]>;
  stop: () => Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./smtp-sink.ts', import.meta.url));

export async function startSmtpSink(opts: { auth?: string } = {}): Promise<SmtpSink> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, SINK_AUTH: opts.auth ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`smtp sink exited (${code}): ${stderr}`)));
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { ready?: number } & ReceivedMail;
      if (msg.ready) return resolve(msg.ready);
      received.push(msg);
      for (const w of waiters) w();
    });
  });
  return {
    port,
    received,
    waitFor: (n) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${n} messages, received ${received.length}`));
        }, 15_000);
        waiters.add(check);
        check();
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
