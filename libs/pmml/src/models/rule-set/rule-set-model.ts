import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileRuleSetModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: RuleSetModel is not supported yet.`);
}
