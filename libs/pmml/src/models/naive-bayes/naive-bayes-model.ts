import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileNaiveBayesModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: NaiveBayesModel is not supported yet.`);
}
