import { compileRegressionModel } from '../models/regression/regression-model';
import type { ModelCompiler, ModelElementName } from './model-types';

/** The model types this engine scores; any other model element is refused at compile time. */
export const MODEL_COMPILERS: ReadonlyMap<ModelElementName, ModelCompiler> = new Map<
  ModelElementName,
  ModelCompiler
>([['RegressionModel', compileRegressionModel]]);
