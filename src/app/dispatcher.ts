/**
 * The single action dispatcher. Every card button calls the one global `onCardAction` with an
 * `action` parameter; this table maps it to a handler and validates the rest of the parameters,
 * so adding an action never means adding a global function.
 */
import { z } from 'zod';
import type { ActionResponse } from '../ui/card/types';
import { ACTION, type ActionName } from '../ui/action-names';
import { helpCard } from '../ui/cards/help';
import type { AppContext } from './context';
import type { AddonEvent } from './events';
import { buildHomepage } from './handlers/home';
import { buildSettingsCard, saveSettingsAction } from './handlers/settings';
import { buildCustomerCard, buildRiskExplanation, draftReply } from './handlers/message';
import { rescoreAction } from './handlers/rescore';
import { learnFromHistory } from './handlers/learn';
import { openColumns, saveColumns } from './handlers/columns';
import { openScoring, saveScoring } from './handlers/scoring';
import { addCustomer, markStatus, openNote, openTags, saveNote, saveTags } from './handlers/customer-actions';

interface ActionSpec {
  params: z.ZodType<Record<string, string>>;
  run(ctx: AppContext, params: Record<string, string>, event: AddonEvent): ActionResponse;
}

const noParams = z.object({}).passthrough() as unknown as z.ZodType<Record<string, string>>;
const params = (shape: z.ZodRawShape) => z.object(shape) as unknown as z.ZodType<Record<string, string>>;
const emailParam = params({ email: z.email('email must be an email address') });

const ACTIONS: Record<ActionName, ActionSpec> = {
  [ACTION.openSettings]: {
    params: noParams,
    run: (ctx) => ({ kind: 'navigate', steps: [{ kind: 'push', card: buildSettingsCard(ctx) }] }),
  },
  [ACTION.saveSettings]: { params: noParams, run: (ctx, _p, event) => saveSettingsAction(ctx, event) },
  [ACTION.openHelp]: {
    params: noParams,
    run: () => ({ kind: 'navigate', steps: [{ kind: 'push', card: helpCard() }] }),
  },
  [ACTION.explainRisk]: {
    params: z.object({ email: z.email('email must be an email address') }) as unknown as z.ZodType<
      Record<string, string>
    >,
    run: (ctx, p) => ({
      kind: 'navigate',
      steps: [{ kind: 'push', card: buildRiskExplanation(ctx, p.email as string) }],
    }),
  },
  [ACTION.rescoreAll]: { params: noParams, run: (ctx) => rescoreAction(ctx) },
  [ACTION.learnFromHistory]: { params: noParams, run: (ctx) => learnFromHistory(ctx) },
  [ACTION.showCustomer]: {
    params: params({
      email: z.email('email must be an email address'),
      row: z
        .string()
        .regex(/^\d{1,7}$/, 'row must be a row number')
        .optional(),
    }),
    run: (ctx, p, e) => ({
      kind: 'navigate',
      steps: [
        {
          kind: 'push',
          card: buildCustomerCard(ctx, p.email as string, p.row ? Number(p.row) : undefined, e),
        },
      ],
    }),
  },
  [ACTION.draftReply]: {
    params: params({
      email: z.email('email must be an email address'),
      template: z.string().trim().min(1, 'template must name a template').max(200),
    }),
    run: (ctx, p) => draftReply(ctx, p.email as string, p.template as string),
  },
  [ACTION.openNote]: { params: emailParam, run: (ctx, p) => openNote(ctx, p.email as string) },
  [ACTION.saveNote]: { params: emailParam, run: (ctx, p, e) => saveNote(ctx, p.email as string, e) },
  [ACTION.openTags]: { params: emailParam, run: (ctx, p) => openTags(ctx, p.email as string) },
  [ACTION.saveTags]: { params: emailParam, run: (ctx, p, e) => saveTags(ctx, p.email as string, e) },
  [ACTION.markStatus]: {
    params: params({
      email: z.email('email must be an email address'),
      status: z.enum(['churned', 'saved']),
    }),
    run: (ctx, p) => markStatus(ctx, p.email as string, p.status as 'churned' | 'saved'),
  },
  [ACTION.addCustomer]: {
    params: params({ email: z.string().min(3).max(320), name: z.string().max(200).default('') }),
    run: (ctx, p) => addCustomer(ctx, p.email as string, p.name ?? ''),
  },
  [ACTION.homePage]: {
    params: z.object({
      page: z.string().regex(/^\d{1,4}$/, 'page must be a page number'),
    }) as unknown as z.ZodType<Record<string, string>>,
    run: (ctx, p) => ({
      kind: 'navigate',
      steps: [{ kind: 'update', card: buildHomepage(ctx, Number(p.page)) }],
    }),
  },
  [ACTION.openColumns]: { params: noParams, run: (ctx) => openColumns(ctx) },
  [ACTION.saveColumns]: { params: noParams, run: (ctx, _p, e) => saveColumns(ctx, e) },
  [ACTION.openScoring]: { params: noParams, run: (ctx) => openScoring(ctx) },
  [ACTION.saveScoring]: { params: noParams, run: (ctx, _p, e) => saveScoring(ctx, e) },
  [ACTION.refreshHome]: {
    params: noParams,
    run: (ctx) => ({ kind: 'navigate', steps: [{ kind: 'update', card: buildHomepage(ctx) }] }),
  },
};

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

export class UnknownActionError extends Error {}

export function dispatchAction(ctx: AppContext, event: AddonEvent): ActionResponse {
  const { action, ...rest } = event.parameters;
  if (!action || !(action in ACTIONS)) {
    throw new UnknownActionError(
      `Unknown action "${action ?? ''}". The card may come from an older version; reopen it.`,
    );
  }
  const spec = ACTIONS[action as ActionName];
  const params = spec.params.safeParse(rest);
  if (!params.success) {
    const issue = params.error.issues[0];
    throw new UnknownActionError(
      `Action "${action}" got a bad parameter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return spec.run(ctx, params.data, event);
}
