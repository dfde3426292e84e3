/**
 * Clicks through the add-on the way a curious user would: from every entry point (homepage, each
 * message of an inbox, the compose window, the Settings and Help menu items), every button and
 * input change on every card reached, depth first (a user clicks on the card an action just showed,
 * not on one rendered before the sheet changed under it), through build/Code.js on the stand-ins and
 * Gmail's contracts (AddonHost). It collects what Gmail would reject and what a user would see as
 * a failure: an invalid response type, an error page, a "Something went wrong" card, a compose
 * action whose draft does not reach the customer.
 */
import { PROBLEM_DRAFT_PREFIX } from '../app/guard';
import { parseAddress } from '../core/email/address';
import { readabilityProblems } from '../core/text/format';
import {
  AddonHost,
  clickablesOf,
  formInputsOf,
  type Clickable,
  type HostResult,
} from './standins/addon-host';
import type { CardJson } from './standins/card-service';
import type { AppsScriptWorld } from './standins/world';
import type { Manifest } from '../../scripts/lib/manifest-schema';

export interface CrawlStart {
  name: string;
  open(host: AddonHost): HostResult;
  /** The customer a draft made from this start must reach. */
  customer?: string;
  /** Problem cards a user can fix (a disconnected sheet) are the right answer here. */
  expectsUserProblem?: boolean;
}

export interface CrawlFailure {
  start: string;
  /** The path of clicks that led there: "Segments › Hard hit › Check audience". */
  path: string;
  problem: string;
}

export interface CrawlReport {
  starts: number;
  clicks: number;
  /** Drafts the compose actions made, every one checked to reach the customer. */
  drafts: number;
  /** Clicks by invocation kind, so a report shows every kind was exercised. */
  byInvocation: Record<string, number>;
  failures: CrawlFailure[];
}

export interface CrawlOptions {
  /** Clicks per start at most. */
  maxClicksPerStart?: number;
  /** What to type into an empty text input. */
  fill?: (inputName: string) => string;
}

const PROBLEM_TITLES_THAT_ARE_BUGS = ['Something went wrong'];

/** A number with four or more decimals in what a card says: nobody reads "risk 45.41497620495725". */
const UNROUNDED = /\d\.\d{4,}/;

/** Text a card shows the user (not URLs or action parameters). */
function shownText(card: CardJson): string {
  const texts: string[] = [card.header?.title ?? '', card.header?.subtitle ?? ''];
  for (const section of card.sections) {
    texts.push(section.header ?? '');
    for (const w of section.widgets) {
      const d = w.decoratedText;
      if (d) texts.push(d.text, d.topLabel ?? '', d.bottomLabel ?? '');
      if (w.textParagraph) texts.push(w.textParagraph.text);
    }
  }
  return texts.join('\n');
}

/** Why a result is a failure a user would see, or undefined. */
function problemIn(result: HostResult, start: CrawlStart, world: AppsScriptWorld): string | undefined {
  for (const card of result.cards) {
    const unrounded = UNROUNDED.exec(shownText(card));
    if (unrounded)
      return `an unrounded number on card "${card.name ?? ''}": …${shownText(card).slice(Math.max(0, unrounded.index - 40), unrounded.index + 20)}…`;
    const [slip] = readabilityProblems(shownText(card));
    if (slip) return `a wrong plural on card "${card.name ?? ''}": ${slip}`;
  }
  for (const card of result.cards) {
    if (card.name !== 'problem') continue;
    const text = JSON.stringify(card.sections);
    if (PROBLEM_TITLES_THAT_ARE_BUGS.some((t) => text.includes(t)) || !start.expectsUserProblem)
      return `a problem card: ${text.slice(0, 300)}`;
  }
  if (result.invocation === 'composeAction') {
    const draft = world.gmail.drafts.find((d) => d.id === result.draftId);
    if (!draft) return 'a compose action without a draft';
    if (draft.body.startsWith(PROBLEM_DRAFT_PREFIX))
      return `a draft that apologises: ${draft.body.slice(0, 200)}`;
    const to = parseAddress(draft.to)?.email;
    if (start.customer && to !== parseAddress(start.customer)?.email)
      return `a draft to ${draft.to}, not to the customer ${start.customer}`;
    if (draft.replyToMessageId && !/^re:/i.test(draft.subject))
      return `a reply whose subject lost "Re:": ${draft.subject}`;
  }
  return undefined;
}

function keyOf(target: Clickable, surface: string): string {
  const { action, ...rest } = target.parameters;
  return `${surface}|${target.wiring}|${target.functionName}|${action ?? ''}|${Object.keys(rest).sort().join(',')}`;
}

/**
 * Crawls each start in a world of its own, made by `freshWorld`, so what one start's clicks change
 * (another sheet connected, customers marked churned) does not hide another start's buttons. Buttons
 * of the card a start opens are all clicked; deeper buttons once per kind of action across the crawl.
 */
export function crawl(
  freshWorld: () => AppsScriptWorld,
  manifest: Manifest,
  code: string,
  starts: readonly CrawlStart[],
  options: CrawlOptions = {},
): CrawlReport {
  const maxClicks = options.maxClicksPerStart ?? 40;
  const fill = options.fill ?? ((name: string) => `crawl ${name}`);
  const report: CrawlReport = { starts: 0, clicks: 0, drafts: 0, byInvocation: {}, failures: [] };
  const seenDeep = new Set<string>();
  const count = (r: HostResult) =>
    (report.byInvocation[r.invocation] = (report.byInvocation[r.invocation] ?? 0) + 1);

  for (const start of starts) {
    report.starts++;
    const world = freshWorld();
    const host = new AddonHost(world, manifest, code);
    const fail = (path: string, problem: string) =>
      report.failures.push({ start: start.name, path, problem });
    let first: HostResult;
    try {
      first = start.open(host);
    } catch (error) {
      fail('(open)', error instanceof Error ? error.message : String(error));
      continue;
    }
    count(first);
    const firstProblem = problemIn(first, start, world);
    if (firstProblem) fail('(open)', firstProblem);

    const seen = new Set<string>();
    const entryCards = new Set(first.cards);
    // Depth first: each card's buttons are a stack of pending clicks; a click's new cards go on top.
    type Pending = { target: Clickable; card: CardJson; from: HostResult; path: string };
    const pendingOf = (cards: CardJson[], from: HostResult, path: string): Pending[] =>
      cards.flatMap((card) =>
        clickablesOf(card).map((target) => ({
          target,
          card,
          from,
          path: `${path} › ${card.name ?? 'card'}`,
        })),
      );
    const stack = pendingOf(first.cards, first, '').reverse();
    let clicks = 0;
    while (stack.length > 0 && clicks < maxClicks) {
      const { target, card, from, path } = stack.pop()!;
      const key = keyOf(target, from.surface);
      const deep = !entryCards.has(card);
      if (seen.has(key) || (deep && seenDeep.has(key))) continue;
      seen.add(key);
      if (deep) seenDeep.add(key);
      clicks++;
      report.clicks++;
      const inputs = formInputsOf(card);
      for (const [name, value] of Object.entries(inputs)) if (value === '') inputs[name] = fill(name);
      const where = `${path.replace(/^ › /, '')} › ${target.label || target.parameters.action || target.functionName}`;
      let result: HostResult;
      try {
        result = host.click(target, from, inputs);
      } catch (error) {
        fail(where, error instanceof Error ? error.message : String(error));
        continue;
      }
      count(result);
      const problem = problemIn(result, start, world);
      if (problem) fail(where, problem);
      if (result.draftId) report.drafts++;
      stack.push(...pendingOf(result.cards, result, where).reverse());
    }
  }
  return report;
}
