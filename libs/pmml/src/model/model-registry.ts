import { compileAnomalyDetectionModel } from '../models/anomaly-detection/anomaly-detection-model';
import { compileAssociationModel } from '../models/association/association-model';
import { compileClusteringModel } from '../models/clustering/clustering-model';
import { compileGeneralRegressionModel } from '../models/general-regression/general-regression-model';
import { compileMiningModel } from '../models/mining/mining-model';
import { compileNaiveBayesModel } from '../models/naive-bayes/naive-bayes-model';
import { compileNearestNeighborModel } from '../models/nearest-neighbor/nearest-neighbor-model';
import { compileNeuralNetwork } from '../models/neural-network/neural-network-model';
import { compileRegressionModel } from '../models/regression/regression-model';
import { compileRuleSetModel } from '../models/rule-set/rule-set-model';
import { compileScorecard } from '../models/scorecard/scorecard-model';
import { compileSupportVectorMachineModel } from '../models/support-vector-machine/support-vector-machine-model';
import { compileTreeModel } from '../models/tree/tree-model';
import type { ModelCompiler, ModelElementName } from './model-types';

/** The model types this engine scores; any other model element is refused at compile time. */
export const MODEL_COMPILERS: ReadonlyMap<ModelElementName, ModelCompiler> = new Map<
  ModelElementName,
  ModelCompiler
>([
  ['RegressionModel', compileRegressionModel],
  ['TreeModel', compileTreeModel],
  ['MiningModel', compileMiningModel],
  ['GeneralRegressionModel', compileGeneralRegressionModel],
  ['NaiveBayesModel', compileNaiveBayesModel],
  ['NeuralNetwork', compileNeuralNetwork],
  ['SupportVectorMachineModel', compileSupportVectorMachineModel],
  ['ClusteringModel', compileClusteringModel],
  ['NearestNeighborModel', compileNearestNeighborModel],
  ['AnomalyDetectionModel', compileAnomalyDetectionModel],
  ['RuleSetModel', compileRuleSetModel],
  ['Scorecard', compileScorecard],
  ['AssociationModel', compileAssociationModel],
]);
