/**
 * Capitalised words that follow a switching verb without naming a competitor: plan names (a move
 * to "Lite" or "Business" is a downgrade or an upgrade), months and weekdays, in folded spelling.
 * Each language adds its own to these.
 */
export const PLAN_NAMES =
  'starter|basic|basis|lite|light|pro|premium|business|enterprise|standard|plus|team|teams|essentials?|free|start|growth|scale|professional';
export const ENGLISH_CALENDAR =
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]';
