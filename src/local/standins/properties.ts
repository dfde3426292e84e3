/**
 * PropertiesService with its real limits: 9 KB a value, 500 KB a store (both reported with Apps
 * Script's "exceeded the property storage quota" message), string values (other values go through
 * String()), and the daily read/write quota per user. User properties are per user; document
 * properties exist only for executions bound to a document (else getDocumentProperties is null).
 */
import type { PropertiesLike, PropertiesServiceLike } from '../../gas/services';
import { AppsScriptError, GAS_ERRORS, describeArgs } from './errors';
import type { ServiceEnv } from './world';

/** "Properties value size: 9 KB / val" (Apps Script quotas page). */
export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
/** "Properties total storage: 500 KB / property store" (Apps Script quotas page). */
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
/** "Properties read/write": 50,000 a day on consumer accounts, 500,000 on Workspace (quotas page). */
export const PROPERTIES_PER_DAY = { workspace: 500_000, consumer: 50_000 } as const;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class PropertyStore {
  readonly values = new Map<string, string>();

  size(): number {
    let total = 0;
    for (const [k, v] of this.values) total += bytes(k) + bytes(v);
    return total;
  }

  /** Sets several keys at once, all or nothing, enforcing both limits. */
  putAll(entries: Record<string, unknown>, deleteAllOthers = false): void {
    const next = new Map(deleteAllOthers ? [] : this.values);
    for (const [key, value] of Object.entries(entries)) {
      if (key === '') throw new AppsScriptError(GAS_ERRORS.invalidKey);
      const text = String(value);
      if (bytes(text) > PROPERTY_VALUE_MAX_BYTES) throw new AppsScriptError(GAS_ERRORS.propertyTooLarge);
      next.set(key, text);
    }
    let total = 0;
    for (const [k, v] of next) total += bytes(k) + bytes(v);
    if (total > PROPERTY_STORE_MAX_BYTES) throw new AppsScriptError(GAS_ERRORS.propertyStoreFull);
    this.values.clear();
    for (const [k, v] of next) this.values.set(k, v);
  }

  put(key: string, value: unknown): void {
    this.putAll({ [key]: value });
  }

  get(key: string): string | null {
    return this.values.get(key) ?? null;
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  clear(): void {
    this.values.clear();
  }

  /** Replaces the contents with a plain object (for the workbench's JSON file). */
  load(values: Record<string, string>): void {
    this.putAll(values, true);
  }

  toObject(): Record<string, string> {
    return Object.fromEntries(this.values);
  }
}

export class PropertiesStandin implements PropertiesLike {
  constructor(
    private readonly env: ServiceEnv,
    readonly store: PropertyStore,
  ) {}

  private op(method: string): void {
    this.env.call(`Properties.${method}`);
    const quota = this.env.world.account(this.env.execution.user).propertiesQuota;
    if (quota.remaining() < 1) throw new AppsScriptError(GAS_ERRORS.propertiesQuota);
    quota.spend(1);
  }

  private key(method: string, key: unknown): string {
    if (key === null || key === undefined) {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([key]), `PropertiesService.Properties.${method}`),
      );
    }
    return String(key);
  }

  getProperty(key: string): string | null {
    this.op('getProperty');
    return this.store.get(this.key('getProperty', key));
  }

  setProperty(key: string, value: string): PropertiesStandin {
    this.op('setProperty');
    this.store.put(this.key('setProperty', key), value);
    return this;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): PropertiesStandin {
    this.op('setProperties');
    if (properties === null || typeof properties !== 'object') {
      throw new AppsScriptError(
        GAS_ERRORS.signature(describeArgs([properties]), 'PropertiesService.Properties.setProperties'),
      );
    }
    this.store.putAll(properties, Boolean(deleteAllOthers));
    return this;
  }

  getProperties(): { [key: string]: string } {
    this.op('getProperties');
    return this.store.toObject();
  }

  deleteProperty(key: string): PropertiesStandin {
    this.op('deleteProperty');
    this.store.delete(this.key('deleteProperty', key));
    return this;
  }

  deleteAllProperties(): PropertiesStandin {
    this.op('deleteAllProperties');
    this.store.clear();
    return this;
  }

  getKeys(): string[] {
    this.op('getKeys');
    return [...this.store.values.keys()];
  }
}

export class PropertiesServiceStandin implements PropertiesServiceLike {
  constructor(private readonly env: ServiceEnv) {}

  getUserProperties(): PropertiesStandin {
    this.env.call('PropertiesService.getUserProperties');
    return new PropertiesStandin(this.env, this.env.world.account(this.env.execution.user).properties);
  }

  getScriptProperties(): PropertiesStandin {
    this.env.call('PropertiesService.getScriptProperties');
    return new PropertiesStandin(this.env, this.env.world.scriptProperties);
  }

  /** Null unless the execution is bound to a document (never, for a Gmail add-on card). */
  getDocumentProperties(): PropertiesStandin | null {
    this.env.call('PropertiesService.getDocumentProperties');
    const doc = this.env.execution.document;
    return doc === null ? null : new PropertiesStandin(this.env, this.env.world.documentProperties(doc));
  }
}
