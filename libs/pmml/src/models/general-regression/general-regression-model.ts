import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileGeneralRegressionModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: GeneralRegressionModel is not supported yet.`);
}
