/** The shared data folder beside the repo (../shared/data). Tests that need it skip, saying why, without it. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TELCO_CSV = path.resolve(__dirname, '../../../shared/data/telco-customer-churn.csv');

export function sharedDataAvailable(file: string): boolean {
  if (fs.existsSync(file)) return true;
  console.warn(`Skipping: ${file} is not here (it lives in shared/data beside the repository).`);
  return false;
}
