import type { Card } from '../card/types';
import { ACTION } from '../action-names';
import { actionButton, problemSection } from './common';

export interface ProblemState {
  title: string;
  detail: string;
  fix: string;
}

/** Shown instead of any card whose handler failed: what happened and how to fix it, never a stack trace. */
export function problemCard(state: ProblemState): Card {
  return {
    name: 'problem',
    header: { title: 'ChurnGuard' },
    sections: [
      problemSection(state.title, state.detail, state.fix),
      { widgets: [{ kind: 'buttonSet', buttons: [actionButton('Open settings', ACTION.openSettings)] }] },
    ],
  };
}
