/**
 * An audience's merge failures grouped by cause: one line per thing to fix, saying what to fix and
 * where, with the rows it affects listed once and capped. A template typo fails every recipient the
 * same way; reported per row it was ~600 characters of the same sentence a dozen times, and the
 * person reading it could not see that one edit in the Templates tab fixes them all.
 */
import { count, formatNumber } from '../text/format';
import type { MergeCause } from './merge';
import { TEMPLATES_TAB } from './templates-tab';

/** Rows named in one line before "… (+N more)". */
export const ROWS_NAMED = 8;

export interface BlockedRecipient {
  /** 1-based row in the customer tab. */
  row: number;
  causes: readonly MergeCause[];
}

export interface MergeProblemInput {
  template: { name: string; row: number };
  /** The customer tab's name, "Customers". */
  customerTab: string;
  blocked: readonly BlockedRecipient[];
  templatesTab?: string;
}

export interface MergeProblem {
  /** What is wrong and what to do, with where: one sentence. */
  text: string;
  /** How many recipients it blocks. */
  recipients: number;
}

/** "rows 5, 9, 14 … (+9 more)", sorted, each row once. */
export function rowList(rows: readonly number[], named = ROWS_NAMED): string {
  const unique = [...new Set(rows)].sort((a, b) => a - b);
  const shown = unique.slice(0, named).map((r) => formatNumber(r));
  const more = unique.length - shown.length;
  return `${unique.length === 1 ? 'row' : 'rows'} ${shown.join(', ')}${more > 0 ? ` … (+${formatNumber(more)} more)` : ''}`;
}

/** A fallback example for a placeholder: "{{Company}}" → "{{Company|…}}". */
const withFallback = (placeholder: string) => placeholder.replace(/\}\}$/, '|…}}');

/** One line per cause, the one blocking most recipients first. */
export function groupMergeProblems(input: MergeProblemInput): MergeProblem[] {
  const tab = input.templatesTab ?? TEMPLATES_TAB;
  const where = `the template '${input.template.name}' in the ${tab} tab, row ${input.template.row}`;
  const groups = new Map<string, { cause: MergeCause; rows: number[] }>();
  for (const b of input.blocked)
    for (const cause of b.causes) {
      const key =
        cause.kind === 'blank' || cause.kind === 'unknown-field'
          ? `${cause.kind}:${cause.placeholder}`
          : cause.kind === 'template'
            ? `template:${cause.message}`
            : 'bad-email';
      const g = groups.get(key) ?? { cause, rows: [] };
      g.rows.push(b.row);
      groups.set(key, g);
    }
  const lines = [...groups.values()].map(({ cause, rows }): MergeProblem => {
    const recipients = new Set(rows).size;
    const affected = count(recipients, 'recipient');
    switch (cause.kind) {
      case 'template':
        return { recipients, text: `Fix ${where}: ${cause.message} (blocks ${affected}).` };
      case 'unknown-field':
        return {
          recipients,
          text: `${cause.placeholder} is not a column${cause.suggestion ? ` — did you mean ${cause.suggestion}?` : ' or a built-in field.'} Fix ${where} (blocks ${affected}).`,
        };
      case 'bad-email':
        return {
          recipients,
          text: `The email address is not usable for ${affected}: correct it in ${input.customerTab}, ${rowList(rows)}.`,
        };
      case 'blank':
        return {
          recipients,
          text: `${cause.field} is blank for ${affected}: fill the cells in ${input.customerTab}, ${rowList(rows)}, or give ${cause.placeholder} a fallback (${withFallback(cause.placeholder)}) in ${where}.`,
        };
    }
  });
  return lines.sort((a, b) => b.recipients - a.recipients);
}
