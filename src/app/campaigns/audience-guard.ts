/**
 * The offer's guard rail for a campaign's recipients, built once per chunk from the chunk's
 * SegmentRecords (impact, band) and the value lines stored by the last whole-sheet read, so a card or
 * a chunk never reads the whole sheet for them. The check itself is the sidebar's
 * (src/core/playbooks/guard-rail.ts); this file only gathers its inputs.
 */
import type { AudienceInput } from '../../core/campaigns/audience';
import { normaliseEmail } from '../../core/email/address';
import type { Customer } from '../../core/customers/customer';
import {
  DEFAULT_PLAYBOOK_SETTINGS,
  guardRailFor,
  moveOfTemplate,
  PLAYBOOK_ALTERNATIVE,
  templateForMove,
  type GuardRailVerdict,
  type ValueLines,
} from '../../core/playbooks';
import { DEFAULT_SCORECARD } from '../../core/risk/settings';
import type { SegmentRecord } from '../../core/segments/fields';
import type { Settings } from '../../core/settings/settings';
import { checkAudience, type MergeContext, type Template } from '../../core/templates';

export type AudienceGuard = NonNullable<AudienceInput['guard']>;

export interface GuardInputs {
  settings: Settings;
  templates: readonly Template[];
  /** The campaign's template: its move is the offer the rail checks. */
  template: string;
  lines?: ValueLines;
  today: Date;
}

/** The guard for these records, or undefined when the template serves no move (no rail to apply). */
export function audienceGuard(
  inputs: GuardInputs,
  records: readonly SegmentRecord[],
): AudienceGuard | undefined {
  const offer = moveOfTemplate(inputs.template, inputs.templates);
  if (!offer) return undefined;
  const alternativeMove = PLAYBOOK_ALTERNATIVE[offer];
  const alternativeTemplate = alternativeMove
    ? templateForMove(alternativeMove, inputs.templates)
    : undefined;
  const alternative =
    alternativeMove && alternativeTemplate && alternativeTemplate.name !== inputs.template
      ? { move: alternativeMove, template: alternativeTemplate.name }
      : undefined;
  const byEmail = new Map(records.map((r) => [normaliseEmail(r.customer.email), r]));
  const verdicts = new Map<Customer, GuardRailVerdict>();
  const settings = inputs.settings.playbooks ?? DEFAULT_PLAYBOOK_SETTINGS;
  const dormantDays = (inputs.settings.scorecard ?? DEFAULT_SCORECARD).dormantDays;
  return {
    offer,
    check: (c) => {
      const known = verdicts.get(c);
      if (known) return known;
      const r = byEmail.get(normaliseEmail(c.email));
      const verdict = guardRailFor(
        offer,
        {
          customer: c,
          ...(r?.impact ? { impact: r.impact } : {}),
          band: r?.band ?? 'Low',
          ...(inputs.lines ? { lines: inputs.lines } : {}),
          settings,
          dormantDays,
          today: inputs.today,
        },
        alternative,
      );
      verdicts.set(c, verdict);
      return verdict;
    },
  };
}

/**
 * The template a recipient gets: the one named by their log entry or verdict (the playbook's
 * alternative a guard rail gave them), else the campaign's own.
 */
export function recipientTemplate(
  campaign: Template,
  templates: readonly Template[],
  name: string | undefined,
): Template {
  return (name !== undefined && templates.find((t) => t.name === name)) || campaign;
}

/**
 * Members whose email would have a blank, each checked against the text they would get: the
 * alternative's for a member the rail moved to it, in their language variant when `variantOf` is
 * given, as checkAudience's blocked list.
 */
export function blanksFor(
  template: Template,
  templates: readonly Template[],
  members: readonly Customer[],
  guard: AudienceGuard | undefined,
  context: MergeContext,
  variantOf?: (customer: Customer, template: Template) => { template: Template },
): ReturnType<typeof checkAudience>['blocked'] {
  const byTemplate = new Map<Template, Customer[]>();
  for (const c of members) {
    const v = guard?.check(c);
    if (v?.kind === 'excluded') continue;
    const t = v?.kind === 'alternative' ? recipientTemplate(template, templates, v.template) : template;
    const group = byTemplate.get(t);
    if (group) group.push(c);
    else byTemplate.set(t, [c]);
  }
  return [...byTemplate].flatMap(
    ([t, group]) =>
      checkAudience(t, group, context, variantOf ? (c) => variantOf(c, t).template : undefined).blocked,
  );
}
