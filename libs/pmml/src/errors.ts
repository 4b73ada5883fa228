/** Why a PMML document could not be used or a record could not be scored. */
export type PmmlErrorCode =
  /** The bytes are not well-formed XML, or use a forbidden XML feature (DTD, entities). */
  | 'INVALID_XML'
  /** Well-formed XML that is not valid PMML: a missing or malformed element or attribute. */
  | 'INVALID_PMML'
  /** Valid PMML that uses a construct this engine does not implement. */
  | 'UNSUPPORTED'
  /** A record could not be scored (an invalid value with invalidValueTreatment="returnInvalid"). */
  | 'INVALID_VALUE'
  /** Scoring failed for a reason the document defines (a function error, a division by zero). */
  | 'EVALUATION';

export class PmmlError extends Error {
  override readonly name = 'PmmlError';

  constructor(
    readonly code: PmmlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const INVALID_XML_MESSAGE = 'Invalid XML format.';

export function invalidPmml(message: string): PmmlError {
  return new PmmlError('INVALID_PMML', message);
}

export function unsupported(message: string): PmmlError {
  return new PmmlError('UNSUPPORTED', message);
}

export function evaluationError(message: string): PmmlError {
  return new PmmlError('EVALUATION', message);
}

export function invalidValue(message: string): PmmlError {
  return new PmmlError('INVALID_VALUE', message);
}
