import type { ModelCompileEnv } from '../../model/model-types';

/**
 * The Target's rescaleConstant when a float `sum` of segments should start from it: XGBoost
 * adds its trees to the base score (which JPMML-XGBoost writes as the rescaleConstant) in
 * float32, and only that order reproduces its results to the last bit. Applies when the
 * constant is the Target's only post-processing.
 */
export function boostingIntercept(env: ModelCompileEnv): number | undefined {
  if (env.mathContext !== 'float') return undefined;
  const targets = env.element.child('Targets')?.childrenNamed('Target') ?? [];
  const name = env.target?.field.name;
  const target =
    targets.find((candidate) => candidate.attr('field') === name) ??
    targets.find((candidate) => !candidate.has('field'));
  if (!target || target.numberAttr('rescaleFactor', 1) !== 1) return undefined;
  if (target.has('min') || target.has('max') || target.has('castInteger')) return undefined;
  const constant = target.numberAttr('rescaleConstant', 0);
  return constant !== 0 ? constant : undefined;
}
