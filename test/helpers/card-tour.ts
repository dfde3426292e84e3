/**
 * Opens every card a user can reach without picking a customer (homepage, settings, segments,
 * campaigns, outcomes, the campaign wizard…) through the workbench's HTTP API, as the page would,
 * and reports any that failed: a non-200 answer, a stack trace, or the add-on's "Something went
 * wrong" card (an unexpected error the guard caught; a UserFacingError card is a fine answer).
 */
import { postAsPage, rawRequest, pageHeaders, type RawResponse } from './workbench-http';

export interface TourStop {
  what: string;
  path: string;
  body: unknown;
}

const action = (name: string, parameters: Record<string, string> = {}, formInputs = {}): TourStop => ({
  what: name,
  path: '/api/action',
  body: { kind: 'action', messageId: null, parameters: { ...parameters, action: name }, formInputs },
});

/**
 * The stops of the tour; `segment`, `template` and `email` name ones the sheet has (or not: that must
 * work too). The customer cards are opened for `email` and for the sample inbox's first message.
 */
export function tourStops(segment = 'Everyone', template = 'Check-in', email = 'a@x.example'): TourStop[] {
  const wizard = { segment, template, name: 'Tour', index: '0' };
  return [
    { what: 'homepage', path: '/api/homepage', body: {} },
    action('refreshHome'),
    action('homePage', { page: '1' }),
    action('openSettings'),
    action('openHelp'),
    action('openColumns'),
    action('openScoring'),
    action('openSegments'),
    action('openSegment', { segment }),
    action('openCampaigns'),
    action('openOutcomes'),
    action('newCampaign', { segment }),
    action('previewCampaign', wizard, { campaignName: 'Tour', campaignTemplate: template }),
    action('rescoreAll'),
    action('scanNow'),
    action('learnFromHistory'),
    action('showCustomer', { email }),
    action('explainRisk', { email }),
    action('openNote', { email }),
    action('openTags', { email }),
    { what: 'message', path: '/api/message', body: { messageId: 'msg-001' } },
    { what: 'compose', path: '/api/compose', body: { to: ['nobody@x.example'] } },
    { what: 'inbox', path: '/api/inbox', body: undefined },
  ];
}

export interface TourFailure {
  what: string;
  status: number;
  body: string;
}

const STACK = /\n\s+at |\.ts:\d+:\d+|node:internal/;

/** Why a response is a failure, or null: a 5xx, a stack trace, or the add-on's unexpected-error card. */
export function failureOf(res: RawResponse): string | null {
  if (res.status >= 500) return `HTTP ${res.status}`;
  if (STACK.test(res.body)) return 'stack trace in the response';
  if (res.body.includes('Something went wrong')) return 'unexpected-error card';
  return null;
}

export async function tourCards(
  wb: { port: number; token: string },
  stops = tourStops(),
): Promise<TourFailure[]> {
  const failures: TourFailure[] = [];
  for (const stop of stops) {
    const res =
      stop.body === undefined
        ? await rawRequest(wb.port, { path: stop.path, headers: pageHeaders(wb) })
        : await postAsPage(wb, stop.path, stop.body);
    const why = failureOf(res);
    if (why || res.status !== 200)
      failures.push({ what: `${stop.what}: ${why ?? ''}`, status: res.status, body: res.body.slice(0, 600) });
  }
  return failures;
}
