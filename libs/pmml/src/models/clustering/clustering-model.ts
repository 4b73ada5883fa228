import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileClusteringModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: ClusteringModel is not supported yet.`);
}
