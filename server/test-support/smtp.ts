import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback for the tests of Homeward's e-mails: every mail it accepts is
 * kept in `received` (its recipients and its raw text), and an address put in `refuse` is refused
 * once (then taken off the list), as a mail server refuses a mailbox. Close it after the tests.
 */
export function testSmtpServer() {
  const received: { to: string; raw: string }[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      if (refuse.delete(address.address)) return done(new Error('Mailbox unavailable'));
      return done();
    },
    onData(stream, session, done) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
      stream.on('end', () => { received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw }); done(); });
    },
  });
  const port = new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)));
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { received, refuse, port, close };
}

/** The text of a received mail, decoded from its transfer encoding. */
export function mailBody(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}
