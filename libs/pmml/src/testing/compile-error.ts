import { compilePmml } from '../compile-pmml';
import { PmmlError } from '../errors';

/** Test helper: the PmmlError that compiling the document throws; fails if it compiles. */
export function compileError(text: string): PmmlError {
  try {
    compilePmml(text);
  } catch (error) {
    if (error instanceof PmmlError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}
