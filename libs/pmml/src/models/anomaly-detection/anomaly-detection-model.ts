import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileAnomalyDetectionModel(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: AnomalyDetectionModel is not supported yet.`);
}
