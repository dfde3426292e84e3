/** Triggers on ScriptApp: one hourly clock trigger per handler, the most an add-on may have run. */
import type { Triggers } from '../ports/triggers';
import type { ScriptAppLike } from './services';

export function scriptAppTriggers(app: ScriptAppLike): Triggers {
  const mine = (handler: string) =>
    app.getProjectTriggers().filter((t) => t.getHandlerFunction() === handler);
  return {
    hasHourly: (handler) => mine(handler).length > 0,
    installHourly(handler) {
      if (mine(handler).length > 0) return;
      app.newTrigger(handler).timeBased().everyHours(1).create();
    },
    removeAll(handler) {
      for (const t of mine(handler)) app.deleteTrigger(t);
    },
  };
}
