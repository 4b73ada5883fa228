import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileSupportVectorMachineModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: SupportVectorMachineModel is not supported yet.`);
}
