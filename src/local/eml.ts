/**
 * Writes a sent email as an RFC 5322 .eml file (multipart/alternative, UTF-8, base64 bodies,
 * RFC 2047 encoded headers), so any mail client opens the workbench's outbox as real mail.
 */
export interface EmlMessage {
  from: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string;
  subject: string;
  textBody: string;
  htmlBody?: string;
  date: Date;
  messageId: string;
  /** Extra headers, e.g. X-ChurnGuard-Campaign. */
  headers?: Record<string, string>;
}

function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g)
      ?.join('\r\n') ?? ''
  );
}

/** Header values must never carry line breaks (header injection); callers' data is flattened here. */
function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

export function toEml(m: EmlMessage): string {
  const boundary = `=_churnguard_${m.messageId.replace(/[^A-Za-z0-9]/g, '')}`;
  const lines = [
    `From: ${headerValue(m.from)}`,
    `To: ${m.to.map(headerValue).join(', ')}`,
    ...(m.cc?.length ? [`Cc: ${m.cc.map(headerValue).join(', ')}`] : []),
    ...(m.bcc?.length ? [`Bcc: ${m.bcc.map(headerValue).join(', ')}`] : []),
    ...(m.replyTo ? [`Reply-To: ${headerValue(m.replyTo)}`] : []),
    `Subject: ${encodeWord(headerValue(m.subject))}`,
    `Date: ${m.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${headerValue(m.messageId)}@workbench.churnguard.invalid>`,
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${headerValue(k)}: ${encodeWord(headerValue(v))}`),
    'MIME-Version: 1.0',
  ];
  const part = (type: string, body: string) =>
    [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join(
      '\r\n',
    );
  if (!m.htmlBody) return [...lines, part('text/plain', m.textBody)].join('\r\n') + '\r\n';
  return (
    [
      ...lines,
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      part('text/plain', m.textBody),
      `--${boundary}`,
      part('text/html', m.htmlBody),
      `--${boundary}--`,
    ].join('\r\n') + '\r\n'
  );
}

// ---------------------------------------------------------------------------------------------
// Reading back: the outbox page shows a sent email as the customer would see it
// ---------------------------------------------------------------------------------------------

export interface EmlAttachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface ParsedEml {
  /** Decoded header values by lower-case name (the first of each). */
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
  attachments: EmlAttachment[];
}

/** RFC 2047 encoded words (B and Q, any charset Node knows; UTF-8 is what toEml writes). */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            );
      try {
        return new TextDecoder(charset.toLowerCase()).decode(bytes);
      } catch {
        return bytes.toString('utf8');
      }
    });
}

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function param(header: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\*?=(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function decodeBody(body: string, encoding: string | undefined, charset: string): Buffer | string {
  const enc = (encoding ?? '7bit').toLowerCase();
  const bytes =
    enc === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : enc === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          )
        : Buffer.from(body, 'utf8');
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** Reads an .eml (what toEml writes, and plain MIME mail in general) into its decoded parts. */
export function parseEml(raw: string): ParsedEml {
  const top = splitHead(raw);
  const out: ParsedEml = { headers: {}, text: null, html: null, attachments: [] };
  for (const [k, v] of Object.entries(top.headers)) out.headers[k] = decodeWords(v);
  const visit = (headers: Record<string, string>, body: string, depth: number): void => {
    const type = headers['content-type'] ?? 'text/plain; charset=us-ascii';
    const mime = type.split(';')[0]!.trim().toLowerCase();
    const boundary = param(type, 'boundary');
    if (mime.startsWith('multipart/') && boundary && depth < 5) {
      const parts = body.split(`--${boundary}`).slice(1);
      for (const part of parts) {
        if (part.startsWith('--')) break;
        const p = splitHead(part.replace(/^\r?\n/, ''));
        visit(p.headers, p.body.replace(/\r?\n$/, ''), depth + 1);
      }
      return;
    }
    const disposition = headers['content-disposition'] ?? '';
    const filename = param(disposition, 'filename') ?? param(type, 'name');
    const decoded = decodeBody(body, headers['content-transfer-encoding'], param(type, 'charset') ?? 'utf-8');
    if (/^attachment/i.test(disposition) || filename || !mime.startsWith('text/')) {
      out.attachments.push({
        filename: decodeWords(filename ?? '(unnamed)'),
        contentType: mime,
        size: Buffer.byteLength(decoded),
      });
    } else if (mime === 'text/html' && out.html === null) out.html = String(decoded);
    else if (out.text === null) out.text = String(decoded);
  };
  visit(top.headers, top.body, 0);
  return out;
}
