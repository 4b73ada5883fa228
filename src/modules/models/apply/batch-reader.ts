import { ValidationError } from '../../../core/errors/domain-errors';
import type { RecordColumns } from './record-columns';

/**
 * An incremental reader of one batch format. The body comes in as pieces of text cut anywhere
 * (inside a record, a string or an escape); complete records go into the chunk given.
 */
export interface BatchReader {
  /** Reads the next piece of the body. Throws a ValidationError at the first malformed record. */
  read(text: string, into: RecordColumns): void;
  /** The body has ended: adds the last record, or throws when the body stopped inside one. */
  end(into: RecordColumns): void;
}

/** The 400 for a record that cannot be read; `record` counts records from 1. */
export function recordParseError(record: number): ValidationError {
  return new ValidationError(`Failed to parse input at record ${record}.`);
}

export const BYTE_ORDER_MARK = 0xfeff;
