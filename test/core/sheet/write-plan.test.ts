import { planWrites } from '../../../src/core/sheet/write-plan';

describe('planWrites', () => {
  it('merges consecutive rows of a column, and side-by-side columns over the same rows', () => {
    const updates = [
      { row: 3, column: 5, value: 'b' },
      { row: 2, column: 5, value: 'a' },
      { row: 2, column: 6, value: 'x' },
      { row: 3, column: 6, value: 'y' },
      { row: 9, column: 5, value: 'z' },
    ];
    expect(planWrites(updates)).toEqual([
      {
        row: 2,
        column: 5,
        values: [
          ['a', 'x'],
          ['b', 'y'],
        ],
      },
      { row: 9, column: 5, values: [['z']] },
    ]);
  });

  it('keeps the last update of a cell and writes nothing for nothing', () => {
    expect(
      planWrites([
        { row: 2, column: 1, value: 1 },
        { row: 2, column: 1, value: 2 },
      ]),
    ).toEqual([{ row: 2, column: 1, values: [[2]] }]);
    expect(planWrites([])).toEqual([]);
  });
});
