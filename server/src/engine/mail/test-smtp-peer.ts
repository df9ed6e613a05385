import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** For tests only: a real SMTP server in the test process, and a minimal reader of the messages it got. */

export interface ReceivedMail {
  from: string;
  /** Envelope recipients (RCPT TO). */
  rcptTo: string[];
  raw: string;
  headers: Record<string, string>;
  /** Decoded text of every part (text and HTML). */
  text: string;
}

export interface SmtpPeer {
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
  );
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return out;
}

/** Headers of the message and the decoded bodies of its leaf parts (enough for assertions, not a MIME library). */
export function readMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = (s: string) => {
    const i = s.search(/\r?\n\r?\n/);
    return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i).replace(/^\r?\n\r?\n/, '')];
  };
  const [head, body] = split(raw);
  const headers = parseHeaders(head);
  const leaves: string[] = [];
  const walk = (h: Record<string, string>, b: string) => {
    const boundary = /boundary="?([^";]+)"?/i.exec(h['content-type'] ?? '')?.[1];
    if (boundary) {
      for (const part of b.split(`--${boundary}`).slice(1)) {
        if (part.startsWith('--')) break;
        const [ph, pb] = split(part.replace(/^\r?\n/, ''));
        walk(parseHeaders(ph), pb);
      }
      return;
    }
    const enc = (h['content-transfer-encoding'] ?? '').toLowerCase();
    leaves.push(
      enc === 'base64' ? Buffer.from(b, 'base64').toString('utf8') : enc === 'quoted-printable' ? decodeQp(b) : b,
    );
  };
  walk(headers, body);
  return { headers, text: leaves.join('\n') };
}

/** Listen on 127.0.0.1, any free port; recipients starting with "bounce" are refused with 550. */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('bounce')) {
        const err = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
        cb(err);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...readMessage(raw),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
