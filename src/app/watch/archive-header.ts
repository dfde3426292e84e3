/**
 * The header of an archive tab (Alerts archive, Campaigns archive): the shipped columns, then any
 * column people added to the live tab, so a "Notes" column travels with its row. Creates the tab,
 * or adds a missing column at its end.
 */
import { sameHeader } from '../../core/sheet/columns';
import type { SheetTabs } from '../../ports/sheet-tabs';

export function archiveHeader(
  tabs: SheetTabs,
  archiveTab: string,
  shipped: readonly string[],
  liveHeader: readonly unknown[],
): string[] {
  const existing = (tabs.readBlocks(archiveTab, [{ row: 1, count: 1 }])[0]?.[0] ?? []).map((h) =>
    String(h ?? '').trim(),
  );
  const base = existing.some(Boolean) ? existing : [...shipped];
  const extras = liveHeader
    .map((h) => String(h ?? '').trim())
    .filter((h) => h && !base.some((b) => sameHeader(b, h)));
  const header = [...base, ...extras];
  if (!existing.some(Boolean)) tabs.append(archiveTab, header, []);
  else if (extras.length > 0) tabs.write(archiveTab, 1, base.length + 1, [extras]);
  return header;
}
