import { AppsScriptWorld, FakeClock, GAS_ERRORS } from '../../src/local/standins';
import { makeWorld } from './helpers';

describe('ScriptApp time-driven triggers', () => {
  it('refuses recurring add-on triggers more often than hourly', () => {
    const { world } = makeWorld();
    const app = world.startExecution().globals.ScriptApp;
    expect(() => app.newTrigger('scan').timeBased().everyMinutes(30).create()).toThrow(
      GAS_ERRORS.triggerTooOften,
    );
    expect(() => app.newTrigger('scan').timeBased().everyMinutes(7)).toThrow(GAS_ERRORS.everyMinutesValue);
    expect(app.getProjectTriggers()).toHaveLength(0);
    app.newTrigger('scan').timeBased().everyHours(1).create();
    expect(app.getProjectTriggers()).toHaveLength(1);
  });

  it('allows one clock trigger per user for a Gmail add-on, and 20 per user without add-on rules', () => {
    const { world } = makeWorld();
    const app = world.startExecution().globals.ScriptApp;
    app.newTrigger('scan').timeBased().everyDays(1).atHour(6).create();
    expect(() => app.newTrigger('continue').timeBased().after(3_600_000).create()).toThrow(
      GAS_ERRORS.addOnTriggerExists,
    );
    // Another user has their own allowance.
    world
      .startExecution({ user: 'bob@x.io' })
      .globals.ScriptApp.newTrigger('scan')
      .timeBased()
      .everyHours(2)
      .create();

    const plain = new AppsScriptWorld({ latency: 'none', addOn: false }).startExecution().globals.ScriptApp;
    for (let i = 0; i < 20; i++) plain.newTrigger(`f${i}`).timeBased().after(1000).create();
    expect(() => plain.newTrigger('f20').timeBased().after(1000).create()).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    plain.newTrigger('x').timeBased().everyMinutes(5); // builder options alone create nothing
  });

  it('lists due triggers and fires them as their owner: one-shots once, recurring ones again', () => {
    const clock = new FakeClock('2026-11-20T09:00:00Z');
    const world = new AppsScriptWorld({ clock, latency: 'none', addOn: { onePerDocument: false } });
    const app = world.startExecution().globals.ScriptApp;
    app.newTrigger('continueCampaign').timeBased().after(60_000).create();
    const hourly = app.newTrigger('scan').timeBased().everyHours(1).create();
    const hourlyId = hourly.getUniqueId(); // read now: this card execution will be long over
    expect(world.triggers.due()).toEqual([]);
    const fired: string[] = [];
    clock.advance(60_000);
    expect(world.triggers.due().map((t) => t.functionName)).toEqual(['continueCampaign']);
    world.runDueTriggers((fn, ex) => {
      expect(ex.kind).toBe('trigger');
      expect(ex.user).toBe('am@nimbus.example');
      fired.push(fn);
    });
    expect(world.runDueTriggers(() => fired.push('again'))).toEqual([]);
    clock.advance(3_600_000);
    world.runDueTriggers((fn) => fired.push(fn));
    clock.advance(3_600_000);
    world.runDueTriggers((fn) => fired.push(fn));
    expect(fired).toEqual(['continueCampaign', 'scan', 'scan']);
    const left = world.startExecution().globals.ScriptApp.getProjectTriggers();
    expect(
      left.map((t) => [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource())]),
    ).toEqual([['scan', 'CLOCK', 'CLOCK']]);
    expect(left[0]!.getUniqueId()).toBe(hourlyId);
    expect(() => hourly.getUniqueId()).toThrow(GAS_ERRORS.timeout);
    world.startExecution().globals.ScriptApp.deleteTrigger(hourly);
    expect(world.triggers.triggers).toEqual([]);
  });

  it('schedules everyDays().atHour() on the wall clock of the given time zone', () => {
    const { world, clock } = makeWorld();
    clock.set('2026-11-20T09:00:00Z'); // 10:00 in Oslo
    const app = world.startExecution().globals.ScriptApp;
    app
      .newTrigger('digest')
      .timeBased()
      .everyDays(1)
      .atHour(7)
      .nearMinute(30)
      .inTimezone('Europe/Oslo')
      .create();
    expect(world.triggers.nextDue()).toEqual(new Date('2026-11-21T06:30:00Z'));
    expect(() => app.newTrigger('x').timeBased().everyHours(2).atHour(3).create()).toThrow(
      GAS_ERRORS.atHourWithoutDays,
    );
  });

  it('keeps running the other triggers when a handler throws, and stops at the daily runtime quota', () => {
    const { world, clock } = makeWorld({ accountKind: 'consumer', addOn: false });
    const app = world.startExecution().globals.ScriptApp;
    app.newTrigger('boom').timeBased().after(0).create();
    app.newTrigger('ok').timeBased().after(0).create();
    const runs = world.runDueTriggers((fn) => {
      if (fn === 'boom') throw new Error('bad row');
    });
    expect(runs.map((r) => [r.trigger.functionName, (r.error as Error | undefined)?.message])).toEqual([
      ['boom', 'bad row'],
      ['ok', undefined],
    ]);
    // 90 min a day for consumer accounts: 15 runs of 6 min use it up.
    app.newTrigger('long').timeBased().everyHours(1).create();
    let ran = 0;
    for (let i = 0; i < 16; i++) {
      clock.advance(3_600_000);
      for (const r of world.runDueTriggers((_fn, ex) => {
        ran++;
        ex.globals.Utilities.sleep(300_000);
        ex.globals.Utilities.sleep(60_000);
      })) {
        if (r.skipped) expect((r.error as Error).message).toBe(GAS_ERRORS.triggerRuntimeQuota);
      }
    }
    expect(ran).toBe(15);
  });
});
