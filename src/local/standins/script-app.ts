/**
 * ScriptApp time-driven triggers with the Workspace add-on rules: a recurring trigger may run at most
 * once an hour, and a script has at most 20 triggers per user. Due triggers are fired by
 * AppsScriptWorld.runDueTriggers.
 */
import { AppsScriptError, GAS_ERRORS } from './errors';
import type { FakeClock } from './clock';
import type { ServiceEnv } from './world';

export const MAX_TRIGGERS_PER_USER = 20;
export const MIN_RECURRING_MS = 60 * 60_000;

export interface TriggerRecord {
  id: string;
  functionName: string;
  dueMs: number;
  /** Milliseconds between runs for recurring triggers; undefined for one-shot (after/at). */
  everyMs?: number;
}

export class TriggerState {
  readonly triggers: TriggerRecord[] = [];
  private counter = 0;

  constructor(private readonly clock: FakeClock) {}

  add(t: Omit<TriggerRecord, 'id'>): TriggerRecord {
    if (this.triggers.length >= MAX_TRIGGERS_PER_USER) throw new AppsScriptError(GAS_ERRORS.tooManyTriggers);
    const record = { ...t, id: `trigger-${++this.counter}` };
    this.triggers.push(record);
    return record;
  }

  remove(id: string): void {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  due(): TriggerRecord[] {
    return this.triggers.filter((t) => t.dueMs <= this.clock.nowMs()).sort((a, b) => a.dueMs - b.dueMs);
  }

  /** Returns the due triggers, removing one-shots and rescheduling recurring ones. */
  takeDue(): TriggerRecord[] {
    const due = this.due();
    for (const t of due) {
      if (t.everyMs) t.dueMs += Math.ceil((this.clock.nowMs() - t.dueMs + 1) / t.everyMs) * t.everyMs;
      else this.remove(t.id);
    }
    return due;
  }
}

export function createScriptApp(env: ServiceEnv) {
  const state = env.world.triggers;
  const triggerApi = (t: TriggerRecord) => ({
    getUniqueId: () => t.id,
    getHandlerFunction: () => t.functionName,
    getEventType: () => 'CLOCK',
    getTriggerSource: () => 'CLOCK',
  });
  return {
    EventType: { CLOCK: 'CLOCK' },
    newTrigger(functionName: string) {
      return {
        timeBased() {
          const spec: { afterMs?: number; atMs?: number; everyMs?: number; hour?: number } = {};
          const builder = {
            after(ms: number) {
              spec.afterMs = ms;
              return builder;
            },
            at(date: Date) {
              spec.atMs = date.getTime();
              return builder;
            },
            everyMinutes(n: number) {
              spec.everyMs = n * 60_000;
              return builder;
            },
            everyHours(n: number) {
              spec.everyMs = n * 3_600_000;
              return builder;
            },
            everyDays(n: number) {
              spec.everyMs = n * 86_400_000;
              return builder;
            },
            atHour(h: number) {
              spec.hour = h;
              return builder;
            },
            nearMinute(_m: number) {
              return builder;
            },
            inTimezone(_tz: string) {
              return builder;
            },
            create() {
              env.hit('ScriptApp.newTrigger.create');
              if (spec.everyMs !== undefined && spec.everyMs < MIN_RECURRING_MS) {
                throw new AppsScriptError(GAS_ERRORS.triggerTooOften);
              }
              const now = env.world.clock.nowMs();
              let dueMs = spec.atMs ?? now + (spec.afterMs ?? spec.everyMs ?? 0);
              if (spec.hour !== undefined && spec.everyMs) {
                const d = new Date(now);
                d.setUTCHours(spec.hour, 0, 0, 0);
                dueMs = d.getTime() <= now ? d.getTime() + 86_400_000 : d.getTime();
              }
              return triggerApi(state.add({ functionName, dueMs, everyMs: spec.everyMs }));
            },
          };
          return builder;
        },
      };
    },
    getProjectTriggers() {
      env.hit('ScriptApp.getProjectTriggers');
      return state.triggers.map(triggerApi);
    },
    deleteTrigger(trigger: { getUniqueId(): string }) {
      env.hit('ScriptApp.deleteTrigger');
      state.remove(trigger.getUniqueId());
    },
  };
}
