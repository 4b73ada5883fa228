import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileNearestNeighborModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: NearestNeighborModel is not supported yet.`);
}
