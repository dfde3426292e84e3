/**
 * The safe formatting subset template bodies may use: paragraphs (a blank line), line breaks,
 * **bold**, *italic*, [links](https://…) (http, https and mailto only) and "- " bullet lists. It
 * becomes HTML with everything else escaped (no raw HTML passes through), and a plain-text twin.
 *
 * Merge values never go through this parser: the body is converted with each placeholder held as an
 * opaque token, and values are put in afterwards (escaped for HTML, URL-encoded inside a link), so a
 * customer named "**Acme**" or "[x](https://evil)" stays text.
 */
export const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

export interface Rendered {
  html: string;
  text: string;
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

interface Inline {
  html: string;
  text: string;
}

/** Bold, italic and links within one line; `token` marks where merge values go (kept as is). */
function inline(line: string, urlToken: (url: string) => string): Inline {
  let html = '';
  let text = '';
  const re = /\*\*(.+?)\*\*|\*(.+?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const before = line.slice(last, m.index);
    html += escapeHtml(before);
    text += before;
    if (m[1] !== undefined) {
      const inner = inline(m[1], urlToken);
      html += `<b>${inner.html}</b>`;
      text += inner.text;
    } else if (m[2] !== undefined) {
      const inner = inline(m[2], urlToken);
      html += `<i>${inner.html}</i>`;
      text += inner.text;
    } else {
      const label = inline(m[3]!, urlToken);
      const url = m[4]!;
      if (SAFE_URL.test(url)) {
        html += `<a href="${escapeHtml(urlToken(url))}">${label.html}</a>`;
        text += `${label.text} (${url})`;
      } else {
        html += escapeHtml(m[0]);
        text += m[0];
      }
    }
    last = m.index + m[0].length;
  }
  html += escapeHtml(line.slice(last));
  text += line.slice(last);
  return { html, text };
}

/**
 * Converts a body. `urlToken` rewrites a link target before escaping (the merge step marks merge
 * tokens inside URLs so their values are URL-encoded).
 */
export function renderBody(body: string, urlToken: (url: string) => string = (u) => u): Rendered {
  const blocks = body.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
  const html: string[] = [];
  const text: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l, i, all) => l.trim() !== '' || (i > 0 && i < all.length - 1));
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
      const items = lines.map((l) => inline(l.replace(/^\s*[-*]\s+/, ''), urlToken));
      html.push(`<ul>${items.map((i) => `<li>${i.html}</li>`).join('')}</ul>`);
      text.push(items.map((i) => `- ${i.text}`).join('\n'));
      continue;
    }
    const rendered = lines.map((l) => inline(l, urlToken));
    html.push(`<p>${rendered.map((r) => r.html).join('<br>')}</p>`);
    text.push(rendered.map((r) => r.text).join('\n'));
  }
  return { html: html.join('\n'), text: text.join('\n\n') };
}
