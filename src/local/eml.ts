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
