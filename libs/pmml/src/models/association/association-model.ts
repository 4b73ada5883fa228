import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileAssociationModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: AssociationModel is not supported yet.`);
}
