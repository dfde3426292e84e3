/**
 * The customer-tab cursor of sheet-walk.ts as every chunked job stores it in user properties (the
 * portfolio job, a segment campaign's audience, a bulk tag): one schema, so a field the walk gains is
 * kept by all of them.
 */
import * as z from '../../core/zod';

export const SheetWalkSchema = z.object({
  nextRow: z.int(),
  endRow: z.int(),
  chunkRows: z.int().check(z.gte(1)),
  anchor: z.optional(z.object({ row: z.int(), email: z.string() })),
  walkedDigest: z.optional(z.string()),
});
