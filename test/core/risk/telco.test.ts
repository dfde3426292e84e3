/**
 * The learned model on a real, outside data set: IBM's public Telco Customer Churn sample, read from
 * the `shared` folder beside the repository (never copied in). Skipped, saying why, where it is absent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Table } from '../../../src/core/risk/model/features';
import {
  contributions,
  crossValidate,
  fitModel,
  historyShortfall,
  labelled,
  parseModel,
  predict,
  serialiseModel,
} from '../../../src/core/risk/model/model';

const TELCO = path.resolve(__dirname, '../../../../shared/data/telco-customer-churn.csv');
const present = fs.existsSync(TELCO);
if (!present)
  console.log(`Skipping the Telco tests: ${TELCO} is not here (shared/data beside the repository).`);
const telcoIt = present ? it : it.skip;

/** The file has no quoted fields, so a plain split is a faithful reader. */
function readTelco(): Table {
  const lines = fs
    .readFileSync(TELCO, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const [header, ...rest] = lines.map((l) => l.split(','));
  return { headers: header!, rows: rest };
}

describe('the learned model on the public Telco churn data set', () => {
  telcoIt(
    'matches scikit-learn logistic regression (5-fold CV AUC 0.845) within 0.005',
    () => {
      const table = readTelco();
      expect(table.rows).toHaveLength(7043);
      const cv = crossValidate(table, 'Churn', { folds: 5, exclude: ['customerID'] });
      expect(cv.rows).toBe(7043);
      expect(cv.auc).toBeGreaterThanOrEqual(0.84);
      expect(cv.calibration.bins).toHaveLength(10);
      expect(cv.calibration.ece).toBeLessThan(0.03);
      expect(cv.logLoss).toBeLessThan(0.45);
    },
    60_000,
  );

  telcoIt(
    'has enough history, drops the ID, and saves in under 9 KB',
    () => {
      const table = readTelco();
      expect(historyShortfall(labelled(table, 'Churn').y)).toBeNull();
      // Without being told, the ID column is recognised and reported.
      const auto = fitModel(table, 'Churn');
      expect(auto.spec.excluded.map((e) => e.column)).toEqual(['customerID']);
      const model = fitModel(table, 'Churn', { exclude: ['customerID'] });
      // TotalCharges has 11 blank cells: imputed, with a missing indicator.
      expect(model.spec.names).toContain('TotalCharges missing');
      const json = serialiseModel(model);
      expect(json.length).toBeLessThan(9 * 1024);
      const back = parseModel(json);
      const row = table.rows[0]!;
      expect(predict(back, row)).toBeCloseTo(predict(model, row), 5);
      const byColumn = contributions(model, row).map((c) => c.column);
      expect(byColumn).toContain('Contract');
      expect(byColumn).not.toContain('customerID');
    },
    60_000,
  );
});
