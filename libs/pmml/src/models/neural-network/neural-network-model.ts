import { unsupported } from '../../errors';
import type { ModelCompileEnv, ModelCore } from '../../model/model-types';

export function compileNeuralNetwork(env: ModelCompileEnv): ModelCore {
  throw unsupported(`${env.element.where}: NeuralNetwork is not supported yet.`);
}
