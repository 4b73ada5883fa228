export { compilePmml, type CompileOptions } from './compile-pmml';
export {
  CompiledPmml,
  type BatchResult,
  type ColumnarResult,
  type FieldDescription,
  type ModelDescription,
  type OutputFieldDescription,
  type ScoreResult,
} from './scoring/compiled-pmml';
export { INVALID_XML_MESSAGE, PmmlError, type PmmlErrorCode } from './errors';
export type { DataType, OpType, Value } from './values/value';
