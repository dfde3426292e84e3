/**
 * The modules a default build puts in place of the opt-in ones (scripts/lib/bundle.ts,
 * leaveOutOptIns): the sheet and MailApp work as before; a Settings choice that needs the opt-in
 * deployment is refused with the way to get it, and nothing is sent.
 */
import { SenderStopped } from '../../src/core/campaigns/runner';
import { saveSettings, loadSettings } from '../../src/app/settings-store';
import { UserFacingError } from '../../src/app/errors';
import { chosenMailer } from '../../src/gas/opt-in-absent/sender-choice';
import { chosenWarehouse } from '../../src/gas/opt-in-absent/warehouse-choice';
import type { KeyValueStore } from '../../src/ports/key-value-store';
import type { Mailer } from '../../src/ports/mailer';

function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    get: (k) => values.get(k) ?? null,
    set: (k, v) => void values.set(k, v),
    delete: (k) => void values.delete(k),
  };
}

const never = () => {
  throw new Error('the absent module must not touch this');
};

describe('opt-in capabilities absent from a default build', () => {
  it('uses MailApp when Settings choose it, and stops an email-service campaign with the reason', () => {
    const store = memoryStore();
    const sent: string[] = [];
    const mailApp: Mailer = {
      send: (email) => void sent.push(email.to),
      remainingQuota: () => 100,
    };
    expect(chosenMailer(store, () => mailApp, never, never, never).remainingQuota()).toBe(100);

    saveSettings(store, {
      ...loadSettings(store).settings,
      sender: { kind: 'email-service', fromEmail: 'am@acme.example', dailyLimit: 5000 },
    });
    const mailer = chosenMailer(store, () => mailApp, never, never, never);
    expect(() => mailer.send({ to: 'c@d.example', subject: 's', body: 'b' } as never)).toThrow(SenderStopped);
    expect(() => mailer.send({ to: 'c@d.example', subject: 's', body: 'b' } as never)).toThrow(
      /--with email-service/,
    );
    expect(sent).toEqual([]);
  });

  it('reads the sheet when Settings choose it, and refuses BigQuery naming the deploy flag', () => {
    const store = memoryStore();
    const cache = { get: never, put: never, remove: never } as never;
    expect(chosenWarehouse(store, cache, never, never, never)()).toBeUndefined();
    saveSettings(store, {
      ...loadSettings(store).settings,
      store: { kind: 'bigquery', projectId: 'acme-data', datasetId: 'churnguard' },
    });
    const pick = chosenWarehouse(store, cache, never, never, never);
    expect(pick).toThrow(UserFacingError);
    expect(pick).toThrow(/no BigQuery store/);
  });
});
