/**
 * A cell ChurnGuard wrote as an ISO instant, as epoch ms: Sheets may have turned the text into a
 * date, so either form is read; an empty cell or text that is no instant gives undefined.
 */
export function cellInstantMs(cell: unknown): number | undefined {
  if (cell instanceof Date) return cell.getTime();
  const ms = cell === '' || cell === null || cell === undefined ? NaN : Date.parse(String(cell));
  return Number.isNaN(ms) ? undefined : ms;
}
