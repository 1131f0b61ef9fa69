/**
 * A real SMTP server for tests, run in its own process:
 *   node --import tsx src/testing/smtp-sink.ts
 * It listens on a free port of 127.0.0.1, prints {"ready": port}, then one
 * JSON line per message received (envelope, authenticated user, decoded
 * subject, text and HTML). With SINK_AUTH=user:password it requires that
 * login; recipients containing "reject" are refused with 550.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const [authUser, authPass] = (process.env.SINK_AUTH ?? '').split(':');
const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

const server = new SMTPServer({
  name: 'sink.test',
  banner: 'motcua test sink',
  disabledCommands: authUser ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
  authOptional: !authUser,
  allowInsecureAuth: true,
  onAuth(auth, _session, cb) {
    if (auth.username === authUser && auth.password === authPass) return cb(null, { user: auth.username });
    return cb(new Error('Invalid username or password'));
  },
  onRcptTo(address, _session, cb) {
    if (address.address.includes('reject')) {
      const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
      err.responseCode = 550;
      return cb(err);
    }
    return cb();
  },
  onData(stream, session, cb) {
    simpleParser(stream)
      .then((mail) => {
        out({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user ?? null,
          headerFrom: mail.from?.text ?? null,
          subject: mail.subject ?? null,
          text: mail.text ?? null,
          html: typeof mail.html === 'string' ? mail.html : null,
        });
        cb();
      })
      .catch((err: Error) => cb(err));
  },
});
server.on('error', (err) => process.stderr.write(`${err.message}\n`));
server.listen(0, '127.0.0.1', () => {
  const addr = server.server.address();
  out({ ready: typeof addr === 'object' && addr ? addr.port : null });
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
