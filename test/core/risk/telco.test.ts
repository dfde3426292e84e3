/**
 * The learned model on a real, outside data set: IBM's public Telco Customer Churn sample, read from
 * the `shared` folder beside the repository (never copied in). Skipped, saying why, where it is absent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Table } from '../../../src/core/risk/model/features';
import {
  baseLogit,
  contributions,
  crossValidate,
  historyShortfall,
  labelled,
  learnModel,
  parseModel,
  predict,
} from '../../../src/core/risk/model/model';
import { parseCsv } from '../../../src/local/table/csv';

const TELCO = path.resolve(__dirname, '../../../../shared/data/telco-customer-churn.csv');
const present = fs.existsSync(TELCO);
if (!present)
  console.log(`Skipping the Telco tests: ${TELCO} is not here (shared/data beside the repository).`);
const telcoIt = present ? it : it.skip;

function readTelco(): Table {
  const [headers, ...rows] = parseCsv(fs.readFileSync(TELCO, 'utf8')).filter(
    (r) => !(r.length === 1 && r[0] === ''),
  );
  return { headers: headers!, rows };
}

describe('the learned model on the public Telco churn data set', () => {
  telcoIt(
    'meets scikit-learn logistic regression (5-fold CV AUC 0.845), calibrated',
    () => {
      const table = readTelco();
      expect(table.rows).toHaveLength(7043);
      const cv = crossValidate(table, 'Churn', { folds: 5, exclude: ['customerID'] });
      expect(cv.rows).toBe(7043);
      expect(cv.aucByFold).toHaveLength(5);
      expect(cv.auc).toBeGreaterThanOrEqual(0.845);
      expect(cv.calibration.bins).toHaveLength(10);
      expect(cv.calibration.ece).toBeLessThan(0.03);
      expect(cv.calibration.slope).toBeGreaterThan(0.9);
      expect(cv.calibration.slope).toBeLessThan(1.1);
      expect(cv.logLoss).toBeLessThan(0.42);
      expect(cv.brier).toBeLessThan(0.14);
    },
    60_000,
  );

  telcoIt(
    'has enough history, drops the ID by itself, explains by column, and saves in under 9 KB',
    () => {
      const table = readTelco();
      expect(historyShortfall(labelled(table, 'Churn').y)).toBeNull();
      const learned = learnModel(table, 'Churn', { folds: 3 });
      if (!learned.ok) throw new Error(learned.reason);
      const { model, json, bytes } = learned;
      // Without being told, the ID column is recognised and reported; nothing else is left out.
      expect(model.spec.excluded).toEqual([
        { column: 'customerID', reason: 'identifies rows (7043 distinct values in 7043 rows)' },
      ]);
      // TotalCharges has 11 blank cells: imputed, with a missing indicator; tenure gets a spline.
      expect(model.spec.names).toContain('TotalCharges missing');
      expect(model.spec.names).toContain('spline1(tenure)');
      expect(bytes).toBeLessThan(9 * 1024);
      const back = parseModel(json);
      const row = table.rows[0]!;
      expect(predict(back, row)).toBeCloseTo(predict(model, row), 5);
      // Customer 0: one month on a month-to-month contract, so tenure and contract push risk up.
      const explained = contributions(model, row);
      const logit = (p: number) => Math.log(p / (1 - p));
      expect(explained.reduce((s, c) => s + c.logit, 0)).toBeCloseTo(
        logit(predict(model, row)) - baseLogit(model),
        9,
      );
      const push = Object.fromEntries(explained.map((c) => [c.column, c.logit]));
      expect(push.Contract).toBeGreaterThan(0);
      expect(push.tenure).toBeGreaterThan(0);
      expect(explained.map((c) => c.column)).not.toContain('customerID');
    },
    60_000,
  );
});
