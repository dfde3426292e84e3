/**
 * The one zod every schema in the add-on uses: `zod/mini`, whose functions tree-shake, instead of
 * classic zod, whose schemas carry every method (JSON Schema conversion included) into the bundle.
 * Apps Script loads the whole bundle on every card click, so this halves what each click parses.
 *
 * zod/mini ships no messages of its own; English is configured here, once, so a default message
 * reads as it did with classic zod ("Too small: expected string to have >=1 characters"). The
 * build resolves zod's locale index to English alone (scripts/lib/bundle.ts).
 */
import { config, ZodMiniNumber } from 'zod/mini';
import { en } from 'zod/locales';
import { _coercedNumber } from 'zod/v4/core';

config(en());

// Re-exported name by name (not as one namespace object) so the bundler keeps only what is used;
// import it as `import * as z from '…/core/zod'`.
export * from 'zod/mini';

/**
 * `z.coerce.number()` without `z.coerce`: that namespace keeps all five coercing schemas (bigint and
 * date included, ~1.3 KB minified) in the bundle even when one is used. Same schema, same messages.
 */
export const coerceNumber = (params?: Parameters<typeof _coercedNumber>[1]) =>
  _coercedNumber(ZodMiniNumber, params);
