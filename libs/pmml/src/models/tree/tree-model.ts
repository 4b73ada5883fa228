import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileTreeModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: TreeModel is not supported yet.`);
}
