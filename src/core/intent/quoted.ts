/**
 * Only what the customer wrote this time counts: quoted lines, the reply history below headers like
 * "On … wrote:" (in each language we support), forwarded originals and signatures are cut away, so an
 * old cancellation quoted in a happy reply does not raise an alarm.
 */
const HISTORY_MARKERS = [
  /^on .{3,200}wrote:\s*$/im,
  /^-{2,}\s*original message\s*-{2,}/im,
  /^-{2,}\s*forwarded message\s*-{2,}/im,
  /^from:\s.+$/im,
  /^в .{3,200}(написал|написала|пишет)\(?а?\)?:\s*$/im,
  /^.{3,200}(жазды|жазған):\s*$/im,
  /^.{3,200}tarihinde.{0,200}yazd[ıi]:\s*$/im,
  /^den .{3,200}skrev.{0,200}:\s*$/im,
  /^.{3,200}skrev .{0,200}:\s*$/im,
];

export function currentMessageText(body: string): string {
  let text = body.replace(/\r\n?/g, '\n');
  for (const marker of HISTORY_MARKERS) {
    const m = marker.exec(text);
    if (m) text = text.slice(0, m.index);
  }
  const signature = /^-- ?$/m.exec(text);
  if (signature) text = text.slice(0, signature.index);
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
}
