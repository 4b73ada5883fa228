import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileMiningModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: MiningModel is not supported yet.`);
}
