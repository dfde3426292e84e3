/** Apps Script enum values are objects whose name is their string form (String(x) === 'CLOCK'). */
export function enumValue<T>(name: string): T {
  return Object.freeze({ name: () => name, toString: () => name, toJSON: () => name }) as unknown as T;
}
