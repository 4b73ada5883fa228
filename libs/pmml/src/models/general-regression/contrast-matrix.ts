import { invalidPmml } from '../../errors';
import { numberArray } from '../../values/parse-array';
import type { XmlElement } from '../../xml/xml-element';

const MATRIX_KINDS = ['diagonal', 'symmetric', 'any'] as const;

/**
 * One column of a PMML Matrix, read at compile time: `column[row]` is the element at
 * (row + 1, columnIndex + 1), or NaN where the matrix does not define it.
 */
export function matrixColumn(
  matrix: XmlElement,
  rowCount: number,
  columnIndex: number,
): Float64Array {
  const kind = matrix.enumAttr('kind', MATRIX_KINDS, 'any');
  const arrays = matrix.childrenNamed('Array').map(numberArray);
  const cells = matrix.childrenNamed('MatCell');
  const column = new Float64Array(rowCount).fill(NaN);
  const diagDefault = matrix.numberAttr('diagDefault', NaN);
  const offDiagDefault = matrix.numberAttr('offDiagDefault', NaN);
  const arrayElement = (row: number, col: number): number => arrays[row]?.[col] ?? NaN;

  for (let row = 0; row < rowCount; row++) {
    switch (kind) {
      case 'diagonal':
        if (arrays.length !== 1)
          throw invalidPmml(`${matrix.where}: a diagonal Matrix holds exactly one Array.`);
        column[row] = row === columnIndex ? arrayElement(0, row) : offDiagDefault;
        break;
      case 'symmetric':
        // Only the lower triangle is written: row i holds i + 1 elements.
        column[row] =
          columnIndex > row ? arrayElement(columnIndex, row) : arrayElement(row, columnIndex);
        break;
      case 'any':
        if (arrays.length > 0) {
          column[row] = arrayElement(row, columnIndex);
        } else {
          const cell = cells.find(
            (candidate) =>
              candidate.integerAttr('row', 0) === row + 1 &&
              candidate.integerAttr('col', 0) === columnIndex + 1,
          );
          column[row] = cell
            ? matCellValue(cell)
            : row === columnIndex
              ? diagDefault
              : offDiagDefault;
        }
        break;
    }
  }
  return column;
}

function matCellValue(cell: XmlElement): number {
  const value = Number(cell.text.trim());
  if (cell.text.trim() === '' || Number.isNaN(value))
    throw invalidPmml(`${cell.where}: "${cell.text}" is not a number.`);
  return value;
}
