import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileScorecard(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: Scorecard is not supported yet.`);
}
