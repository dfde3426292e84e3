/** Cards for changing a customer from the sidebar: a note, tags. */
import type { Card } from '../card/types';
import { ACTION } from '../action-names';
import { actionButton } from './common';

export const EDIT_FIELDS = { note: 'note', tags: 'tags', newTag: 'newTag', impact: 'impact' } as const;

/** The crisis-impact override choices: empty means "let the impact rules decide". */
export const IMPACT_CHOICES = ['', 'Severe', 'Hit', 'Stable', 'Booming'] as const;

export function noteCard(state: { email: string; name: string; inWarehouse?: boolean }): Card {
  return {
    name: 'note',
    header: {
      title: `Note on ${state.name || state.email}`,
      subtitle: `Saved to ${state.inWarehouse ? 'BigQuery' : 'the Notes tab'} with your name and the time`,
    },
    sections: [{ widgets: [{ kind: 'textInput', name: EDIT_FIELDS.note, label: 'Note', multiline: true }] }],
    fixedFooter: { primary: actionButton('Save note', ACTION.saveNote, { email: state.email }, 'filled') },
  };
}

export function tagsCard(state: {
  email: string;
  name: string;
  current: string[];
  known: string[];
  /** The hand-set crisis impact ('' when the rules decide), and what the rules say. */
  impact: string;
  ruleImpact?: string;
  /** The warehouse store appends only what changed from the tags this card showed, so they travel with it. */
  sendShown?: boolean;
}): Card {
  // A selection input holds up to 100 items (Google Workspace cards, SelectionInput `items`); the
  // customer's own tags come first so a long vocabulary never hides one, and a known tag that only
  // differs in case from one of theirs is not offered twice.
  const own = new Set(state.current.map((t) => t.toLowerCase()));
  const all = [...new Set([...state.current, ...state.known.filter((t) => !own.has(t.toLowerCase()))])]
    .slice(0, 100)
    .sort((a, b) => a.localeCompare(b));
  return {
    name: 'tags',
    header: { title: `Tags of ${state.name || state.email}` },
    sections: [
      {
        widgets: [
          // A selection input needs an item: on a sheet where nobody has a tag yet, only "New tag" shows.
          ...(all.length
            ? [
                {
                  kind: 'selectionInput' as const,
                  name: EDIT_FIELDS.tags,
                  label: 'Tags',
                  type: 'checkBox' as const,
                  items: all.map((t) => ({ text: t, value: t, selected: state.current.includes(t) })),
                },
              ]
            : []),
          {
            kind: 'textInput',
            name: EDIT_FIELDS.newTag,
            label: 'New tag',
            hint: 'Separate several with commas',
          },
          {
            kind: 'selectionInput',
            name: EDIT_FIELDS.impact,
            label: 'Crisis impact',
            type: 'dropdown',
            items: IMPACT_CHOICES.map((c) => ({
              text: c || `From the impact rules${state.ruleImpact ? ` (${state.ruleImpact})` : ''}`,
              value: c,
              selected: c.toLowerCase() === state.impact.toLowerCase(),
            })),
          },
        ],
      },
    ],
    fixedFooter: {
      primary: actionButton(
        'Save tags',
        ACTION.saveTags,
        {
          email: state.email,
          impactWas: state.impact,
          ...(state.sendShown ? { tagsWas: JSON.stringify(state.current) } : {}),
        },
        'filled',
      ),
    },
  };
}
