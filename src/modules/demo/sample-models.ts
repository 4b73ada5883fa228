import { PMML_PROLOGUE, pmmlHeader } from './pmml-text';
import { MOTION_INPUTS } from './synthetic-measurements';

// Two small hand-written models over the same six inputs as the isolation forest, so that the
// three can form one model group. Both derive the same two features from the inputs:
// gravityDeviation = |‖a‖ − 1| (g): how far the acceleration is from gravity alone;
// rotationRate = ‖ω‖ (deg/s).

const inputFields = (indent: string): string[] =>
  MOTION_INPUTS.map(
    (input) => `${indent}<DataField name="${input}" optype="continuous" dataType="double"/>`,
  );

const activeFields = (indent: string): string[] =>
  MOTION_INPUTS.map((input) => `${indent}<MiningField name="${input}"/>`);

// sqrt(x² + y² + z²), with PMML's binary + and *.
function magnitude(x: string, y: string, z: string, indent: string): string[] {
  const square = (field: string, inner: string): string[] => [
    `${inner}<Apply function="*">`,
    `${inner}\t<FieldRef field="${field}"/>`,
    `${inner}\t<FieldRef field="${field}"/>`,
    `${inner}</Apply>`,
  ];
  return [
    `${indent}<Apply function="sqrt">`,
    `${indent}\t<Apply function="+">`,
    `${indent}\t\t<Apply function="+">`,
    ...square(x, `${indent}\t\t\t`),
    ...square(y, `${indent}\t\t\t`),
    `${indent}\t\t</Apply>`,
    ...square(z, `${indent}\t\t`),
    `${indent}\t</Apply>`,
    `${indent}</Apply>`,
  ];
}

const TRANSFORMATIONS = [
  '\t<TransformationDictionary>',
  '\t\t<DerivedField name="gravityDeviation" optype="continuous" dataType="double">',
  '\t\t\t<Apply function="abs">',
  '\t\t\t\t<Apply function="-">',
  ...magnitude('accelerationX', 'accelerationY', 'accelerationZ', '\t\t\t\t\t'),
  '\t\t\t\t\t<Constant dataType="double">1.0</Constant>',
  '\t\t\t\t</Apply>',
  '\t\t\t</Apply>',
  '\t\t</DerivedField>',
  '\t\t<DerivedField name="rotationRate" optype="continuous" dataType="double">',
  ...magnitude('gyroX', 'gyroY', 'gyroZ', '\t\t\t'),
  '\t\t</DerivedField>',
  '\t</TransformationDictionary>',
];

/**
 * A RegressionModel: a vibration index, 1000 per g of gravityDeviation plus 5 per deg/s of
 * rotationRate (about 5 at rest, 35 running, thousands in a shock).
 */
export function vibrationLevelPmml(modelName: string): string {
  return [
    ...PMML_PROLOGUE,
    ...pmmlHeader(
      'Vibration index of an IMU: 1000 × |‖acceleration‖ − 1 g| + 5 × ‖rotation rate‖ (hand-written demo model)',
    ),
    `\t<DataDictionary numberOfFields="${MOTION_INPUTS.length + 1}">`,
    ...inputFields('\t\t'),
    '\t\t<DataField name="vibrationLevel" optype="continuous" dataType="double"/>',
    '\t</DataDictionary>',
    ...TRANSFORMATIONS,
    `\t<RegressionModel modelName="${modelName}" functionName="regression">`,
    '\t\t<MiningSchema>',
    ...activeFields('\t\t\t'),
    '\t\t\t<MiningField name="vibrationLevel" usageType="target"/>',
    '\t\t</MiningSchema>',
    '\t\t<RegressionTable intercept="0.0">',
    '\t\t\t<NumericPredictor name="gravityDeviation" coefficient="1000.0"/>',
    '\t\t\t<NumericPredictor name="rotationRate" coefficient="5.0"/>',
    '\t\t</RegressionTable>',
    '\t</RegressionModel>',
    '</PMML>',
    '',
  ].join('\n');
}

const either = (deviationOver: string, rateOver: string, indent: string): string[] => [
  `${indent}<CompoundPredicate booleanOperator="or">`,
  `${indent}\t<SimplePredicate field="gravityDeviation" operator="greaterThan" value="${deviationOver}"/>`,
  `${indent}\t<SimplePredicate field="rotationRate" operator="greaterThan" value="${rateOver}"/>`,
  `${indent}</CompoundPredicate>`,
];

/**
 * A TreeModel classifier of the motion state: shock (over 1 g off gravity or over 50 deg/s),
 * moving (over 0.02 g or 1 deg/s), else rest.
 */
export function motionStatePmml(modelName: string): string {
  return [
    ...PMML_PROLOGUE,
    ...pmmlHeader(
      'Motion state of an IMU from its acceleration and rotation rate: rest, moving or shock (hand-written demo model)',
    ),
    `\t<DataDictionary numberOfFields="${MOTION_INPUTS.length + 1}">`,
    ...inputFields('\t\t'),
    '\t\t<DataField name="motionState" optype="categorical" dataType="string">',
    '\t\t\t<Value value="rest"/>',
    '\t\t\t<Value value="moving"/>',
    '\t\t\t<Value value="shock"/>',
    '\t\t</DataField>',
    '\t</DataDictionary>',
    ...TRANSFORMATIONS,
    `\t<TreeModel modelName="${modelName}" functionName="classification" missingValueStrategy="nullPrediction">`,
    '\t\t<MiningSchema>',
    ...activeFields('\t\t\t'),
    '\t\t\t<MiningField name="motionState" usageType="target"/>',
    '\t\t</MiningSchema>',
    '\t\t<Node id="root" score="rest">',
    '\t\t\t<True/>',
    '\t\t\t<Node id="shock" score="shock">',
    ...either('1.0', '50.0', '\t\t\t\t'),
    '\t\t\t</Node>',
    '\t\t\t<Node id="moving" score="moving">',
    ...either('0.02', '1.0', '\t\t\t\t'),
    '\t\t\t</Node>',
    '\t\t\t<Node id="rest" score="rest">',
    '\t\t\t\t<True/>',
    '\t\t\t</Node>',
    '\t\t</Node>',
    '\t</TreeModel>',
    '</PMML>',
    '',
  ].join('\n');
}
