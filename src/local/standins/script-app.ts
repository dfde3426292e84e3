/**
 * ScriptApp time-driven triggers, stored in the world and fired by AppsScriptWorld.runDueTriggers,
 * with the limits Google documents:
 * - 20 triggers per user per script (quotas page);
 * - for add-ons (the world's `addOn` rules, both on by default): time-driven triggers may run at most
 *   once an hour ("Installable triggers" page), and an add-on may have only one trigger of each type
 *   per user per document ("Triggers for Editor add-ons" page; a Gmail add-on has no document, so
 *   this means one clock trigger per user);
 * - everyMinutes accepts 1, 5, 10, 15 or 30 (ClockTriggerBuilder reference).
 * Real triggers fire at a slightly random time within their slot (up to ~15 min late); these fire
 * exactly when due, at the first runDueTriggers call at or after that time. Recurring schedules
 * advance by fixed milliseconds (a daily trigger drifts by an hour across a DST change).
 *
 * Counted calls: ScriptApp.getProjectTriggers, ScriptApp.deleteTrigger, ClockTriggerBuilder.create
 * and Trigger getters. ScriptApp.newTrigger, TriggerBuilder.timeBased and the ClockTriggerBuilder
 * options are builder calls (counted apart, see calls.ts).
 */
import type {
  ClockTriggerBuilderLike,
  ScriptAppLike,
  TriggerBuilderLike,
  TriggerLike,
} from '../../gas/services';
import type { FakeClock } from './clock';
import { enumValue } from './enum-value';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import { zonedParts, zonedToUtc } from './time-zone';
import type { ServiceEnv } from './world';

export const MAX_TRIGGERS_PER_USER = 20;
export const ADD_ON_MIN_INTERVAL_MS = 60 * 60_000;
const EVERY_MINUTES = [1, 5, 10, 15, 30];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const EventType = { CLOCK: enumValue<GoogleAppsScript.Script.EventType>('CLOCK') } as const;
export const TriggerSource = { CLOCK: enumValue<GoogleAppsScript.Script.TriggerSource>('CLOCK') } as const;

export interface TriggerRecord {
  id: string;
  functionName: string;
  /** The user who created it; the trigger runs as this user. */
  owner: string;
  /** The document the creating execution was bound to (null for a Gmail add-on). */
  document: string | null;
  /** When it fires next. */
  dueMs: number;
  /** Milliseconds between runs for recurring triggers; undefined for one-shot (after/at). */
  everyMs?: number;
  createdMs: number;
}

export class TriggerState {
  readonly triggers: TriggerRecord[] = [];
  private counter = 0;

  constructor(private readonly clock: FakeClock) {}

  add(t: Omit<TriggerRecord, 'id' | 'createdMs'>, rules: { onePerDocument: boolean }): TriggerRecord {
    const mine = this.forUser(t.owner);
    if (mine.length >= MAX_TRIGGERS_PER_USER) throw new AppsScriptError(GAS_ERRORS.tooManyTriggers);
    if (rules.onePerDocument && mine.some((x) => x.document === t.document)) {
      throw new AppsScriptError(GAS_ERRORS.addOnTriggerExists);
    }
    const record: TriggerRecord = {
      ...t,
      id: String(7_000_000_000 + ++this.counter),
      createdMs: this.clock.nowMs(),
    };
    this.triggers.push(record);
    return record;
  }

  remove(id: string): boolean {
    const i = this.triggers.findIndex((t) => t.id === id);
    if (i >= 0) this.triggers.splice(i, 1);
    return i >= 0;
  }

  forUser(user: string): TriggerRecord[] {
    return this.triggers.filter((t) => t.owner === user);
  }

  /** Triggers due at the current clock, earliest first. */
  due(): TriggerRecord[] {
    const now = this.clock.nowMs();
    return this.triggers.filter((t) => t.dueMs <= now).sort((a, b) => a.dueMs - b.dueMs);
  }

  /** Marks a trigger fired: a one-shot is removed, a recurring one moves to its next slot. */
  fired(t: TriggerRecord): void {
    if (t.everyMs) {
      const now = this.clock.nowMs();
      while (t.dueMs <= now) t.dueMs += t.everyMs;
    } else this.remove(t.id);
  }

  /** The next time any trigger is due (null when none). */
  nextDue(): Date | null {
    const ms = Math.min(...this.triggers.map((t) => t.dueMs));
    return Number.isFinite(ms) ? new Date(ms) : null;
  }
}

export class TriggerStandin implements TriggerLike {
  constructor(
    private readonly env: ServiceEnv,
    readonly record: TriggerRecord,
  ) {}

  getUniqueId(): string {
    this.env.call('Trigger.getUniqueId');
    return this.record.id;
  }

  getHandlerFunction(): string {
    this.env.call('Trigger.getHandlerFunction');
    return this.record.functionName;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    this.env.call('Trigger.getEventType');
    return EventType.CLOCK;
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    this.env.call('Trigger.getTriggerSource');
    return TriggerSource.CLOCK;
  }
}

interface Schedule {
  afterMs?: number;
  atMs?: number;
  everyMs?: number;
  unit?: 'minutes' | 'hours' | 'days' | 'weeks';
  hour?: number;
  minute?: number;
  timeZone?: string;
}

export class ClockTriggerBuilderStandin implements ClockTriggerBuilderLike {
  private readonly s: Schedule = {};

  constructor(
    private readonly env: ServiceEnv,
    private readonly functionName: string,
  ) {}

  private opt(method: string, set: () => void): ClockTriggerBuilderStandin {
    this.env.builder(`ClockTriggerBuilder.${method}`);
    set();
    return this;
  }

  private positive(method: string, n: number): number {
    if (typeof n !== 'number' || !(n >= 1)) {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([n]), `ScriptApp.ClockTriggerBuilder.${method}`),
      );
    }
    return Math.trunc(n);
  }

  after(durationMilliseconds: number): ClockTriggerBuilderStandin {
    return this.opt('after', () => (this.s.afterMs = Math.max(0, Number(durationMilliseconds) || 0)));
  }

  at(date: GoogleAppsScript.Base.Date): ClockTriggerBuilderStandin {
    return this.opt('at', () => (this.s.atMs = date.getTime()));
  }

  /** Not in ClockTriggerBuilderLike (add-ons may not use it); here so tests can show the hourly floor. */
  everyMinutes(n: number): ClockTriggerBuilderStandin {
    return this.opt('everyMinutes', () => {
      if (!EVERY_MINUTES.includes(n)) throw new AppsScriptError(GAS_ERRORS.everyMinutesValue);
      this.s.everyMs = n * 60_000;
      this.s.unit = 'minutes';
    });
  }

  everyHours(n: number): ClockTriggerBuilderStandin {
    return this.opt('everyHours', () => {
      this.s.everyMs = this.positive('everyHours', n) * HOUR;
      this.s.unit = 'hours';
    });
  }

  everyDays(n: number): ClockTriggerBuilderStandin {
    return this.opt('everyDays', () => {
      this.s.everyMs = this.positive('everyDays', n) * DAY;
      this.s.unit = 'days';
    });
  }

  everyWeeks(n: number): ClockTriggerBuilderStandin {
    return this.opt('everyWeeks', () => {
      this.s.everyMs = this.positive('everyWeeks', n) * 7 * DAY;
      this.s.unit = 'weeks';
    });
  }

  atHour(hour: number): ClockTriggerBuilderStandin {
    return this.opt('atHour', () => {
      if (!(hour >= 0 && hour <= 23)) throw new AppsScriptError(GAS_ERRORS.invalidArgument('hour'));
      this.s.hour = Math.trunc(hour);
    });
  }

  nearMinute(minute: number): ClockTriggerBuilderStandin {
    return this.opt('nearMinute', () => {
      if (!(minute >= 0 && minute <= 59)) throw new AppsScriptError(GAS_ERRORS.invalidArgument('minute'));
      this.s.minute = Math.trunc(minute);
    });
  }

  inTimezone(timezone: string): ClockTriggerBuilderStandin {
    return this.opt('inTimezone', () => (this.s.timeZone = String(timezone)));
  }

  create(): TriggerStandin {
    this.env.call('ClockTriggerBuilder.create');
    const { world, execution } = this.env;
    const s = this.s;
    const now = world.clock.nowMs();
    const oneShot = s.afterMs !== undefined || s.atMs !== undefined;
    if (!oneShot && s.everyMs === undefined) throw new AppsScriptError(GAS_ERRORS.triggerNoSchedule);
    if (s.hour !== undefined && s.unit !== 'days' && s.unit !== 'weeks') {
      throw new AppsScriptError(GAS_ERRORS.atHourWithoutDays);
    }
    if (world.addOnRules.hourlyFloor && s.everyMs !== undefined && s.everyMs < ADD_ON_MIN_INTERVAL_MS) {
      throw new AppsScriptError(GAS_ERRORS.triggerTooOften);
    }
    let dueMs: number;
    if (s.atMs !== undefined) dueMs = s.atMs;
    else if (s.afterMs !== undefined) dueMs = now + s.afterMs;
    else if (s.hour !== undefined) {
      // The next hour:minute on the wall clock of the trigger's time zone.
      const tz = s.timeZone ?? world.scriptTimeZone;
      const z = zonedParts(now, tz);
      dueMs = zonedToUtc(tz, z.year, z.month, z.day, s.hour, s.minute ?? 0);
      if (dueMs <= now) dueMs = zonedToUtc(tz, z.year, z.month, z.day + 1, s.hour, s.minute ?? 0);
    } else if (s.minute !== undefined && s.unit === 'hours') {
      const z = zonedParts(now, s.timeZone ?? world.scriptTimeZone);
      dueMs = now + ((s.minute - z.minute + 60) % 60) * 60_000 - z.second * 1000 - z.millisecond;
      if (dueMs <= now) dueMs += HOUR;
    } else dueMs = now + (s.everyMs as number);
    const record = world.triggers.add(
      {
        functionName: this.functionName,
        owner: execution.user,
        document: execution.document,
        dueMs,
        ...(oneShot ? {} : { everyMs: s.everyMs }),
      },
      { onePerDocument: world.addOnRules.onePerDocument },
    );
    return new TriggerStandin(this.env, record);
  }
}

export class TriggerBuilderStandin implements TriggerBuilderLike {
  constructor(
    private readonly env: ServiceEnv,
    private readonly functionName: string,
  ) {}

  timeBased(): ClockTriggerBuilderStandin {
    this.env.builder('TriggerBuilder.timeBased');
    return new ClockTriggerBuilderStandin(this.env, this.functionName);
  }
}

export class ScriptAppStandin implements ScriptAppLike {
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;

  constructor(private readonly env: ServiceEnv) {}

  newTrigger(functionName: string): TriggerBuilderStandin {
    this.env.builder('ScriptApp.newTrigger');
    if (typeof functionName !== 'string' || functionName === '') {
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([functionName]), 'ScriptApp.newTrigger'));
    }
    return new TriggerBuilderStandin(this.env, functionName);
  }

  /** The current user's triggers in this project (other users' triggers are invisible, as in Apps Script). */
  getProjectTriggers(): TriggerStandin[] {
    this.env.call('ScriptApp.getProjectTriggers');
    return this.env.world.triggers
      .forUser(this.env.execution.user)
      .map((t) => new TriggerStandin(this.env, t));
  }

  /**
   * The web app deployment: getUrl() is the world's web app URL, or null when none is deployed
   * ("Returns the URL of the web app, if it has been deployed; otherwise returns null", Class Service).
   */
  getService(): { getUrl(): string | null; isEnabled(): boolean } {
    this.env.call('ScriptApp.getService');
    const url = this.env.world.webAppUrl;
    return { getUrl: () => url, isEnabled: () => url !== null };
  }

  deleteTrigger(trigger: TriggerLike): void {
    this.env.call('ScriptApp.deleteTrigger');
    if (!trigger || typeof trigger !== 'object') {
      throw new AppsScriptError(GAS_ERRORS.signature(describeArgs([trigger]), 'ScriptApp.deleteTrigger'));
    }
    const id = trigger instanceof TriggerStandin ? trigger.record.id : trigger.getUniqueId();
    const t = this.env.world.triggers.triggers.find((x) => x.id === id);
    if (t && t.owner === this.env.execution.user) this.env.world.triggers.remove(id);
  }
}
