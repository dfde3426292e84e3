/** Scan now's answer on either store (the sheet's portfolio job, the warehouse scan). */
import type { ActionResponse } from '../../ui/card/types';
import { count } from '../../core/text/format';

/** "Scanned <what>: N new alerts, K digests sent." for Scan now on either store. */
export function scanNotice(
  what: string,
  r: { alerts: number; digestsSent: number; digestProblems: readonly string[] },
): ActionResponse {
  return {
    kind: 'notify',
    notification:
      `Scanned ${what}: ${count(r.alerts, 'new alert')}` +
      (r.digestsSent ? `, ${count(r.digestsSent, 'digest')} sent` : '') +
      (r.digestProblems.length ? ` (${count(r.digestProblems.length, 'digest problem')})` : '') +
      '.',
    stateChanged: true,
  };
}
