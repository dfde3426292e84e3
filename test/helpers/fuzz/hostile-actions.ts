/**
 * Card actions a user (or a tampered request) can send, with hostile parameters and form inputs:
 * every action name, real and made up, with values from hostile-values.
 */
import { ACTION } from '../../../src/ui/action-names';
import type { ActionRequest } from '../../../src/local/workbench/server';
import { hostileCell, hostileEmail, randomUnicode } from './hostile-values';
import type { Random } from './random';

const ACTION_NAMES = Object.values(ACTION);
const PARAM_NAMES = [
  'email',
  'name',
  'segment',
  'template',
  'id',
  'index',
  'page',
  'status',
  'operation',
  'tag',
  'key',
  'change',
  'row',
];
const FORM_NAMES = [
  'note',
  'tags',
  'newTag',
  'impact',
  'campaignName',
  'campaignTemplate',
  'spreadsheetUrl',
  'customerSheet',
];

function hostileText(r: Random): string {
  const v = hostileCell(r);
  return v instanceof Date ? v.toISOString() : String(v);
}

/** A value a parameter of that name might plausibly, or implausibly, hold. */
function paramValue(r: Random, name: string, emails: readonly string[]): string {
  if (r.chance(0.3)) return hostileText(r);
  switch (name) {
    case 'email':
      return r.chance(0.6) && emails.length ? r.pick(emails) : hostileEmail(r, r.int(20));
    case 'segment':
      return r.pick(['Everyone', 'Gone', 'Nope', '']);
    case 'template':
      return r.pick(['Check-in', 'Broken', 'Nope']);
    case 'index':
    case 'page':
    case 'row':
      return String(r.chance(0.8) ? r.int(5) : r.int(2 ** 31) - 2 ** 30);
    case 'status':
      return r.pick(['churned', 'saved', 'x']);
    case 'operation':
      return r.pick(['add', 'remove', 'x']);
    case 'change':
      return r.pick(['pause', 'resume', 'cancel', 'acknowledged', 'snoozed', 'done', 'x']);
    default:
      return randomUnicode(r, r.int(20));
  }
}

export function hostileAction(r: Random, emails: readonly string[]): ActionRequest {
  const action = r.chance(0.95) ? r.pick(ACTION_NAMES) : randomUnicode(r, 8);
  const parameters: Record<string, string> = { action };
  for (const name of PARAM_NAMES) if (r.chance(0.35)) parameters[name] = paramValue(r, name, emails);
  const formInputs: ActionRequest['formInputs'] = {};
  for (const name of FORM_NAMES)
    if (r.chance(0.3))
      formInputs[name] = r.chance(0.2)
        ? [hostileText(r), hostileText(r)]
        : r.chance(0.1)
          ? r.int(1e9)
          : hostileText(r);
  return {
    kind: r.chance(0.9) ? 'action' : 'compose',
    messageId: r.chance(0.8) ? null : r.pick(['msg-001', 'msg-002', 'nope', randomUnicode(r, 6)]),
    parameters,
    formInputs,
  };
}
