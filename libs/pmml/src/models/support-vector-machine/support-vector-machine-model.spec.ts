import { compilePmml } from '../../compile-pmml';
import { PmmlError } from '../../errors';
import { pmmlDocument } from '../../testing/pmml-document';
import { compileError } from '../../testing/compile-error';

const INPUT_FIELDS = `
  <DataField name="x1" optype="continuous" dataType="double"/>
  <DataField name="x2" optype="continuous" dataType="double"/>`;

const FIELD_VECTOR = `<VectorFields><FieldRef field="x1"/><FieldRef field="x2"/></VectorFields>`;

/** A SupportVectorMachineModel over x1 and x2; the target is y (regression) or class a/b/c. */
function svmModel(options: {
  functionName?: 'regression' | 'classification';
  attributes?: string;
  kernel?: string;
  vectorFields?: string;
  instances?: string;
  machines: string;
  dataFields?: string;
  miningFields?: string;
  output?: string;
  classes?: readonly string[];
}): string {
  const functionName = options.functionName ?? 'regression';
  const classes = options.classes ?? ['a', 'b', 'c'];
  const target =
    functionName === 'regression'
      ? '<DataField name="y" optype="continuous" dataType="double"/>'
      : `<DataField name="y" optype="categorical" dataType="string">
          ${classes.map((label) => `<Value value="${label}"/>`).join('')}
        </DataField>`;
  return pmmlDocument({
    dataDictionary: `${options.dataFields ?? INPUT_FIELDS}${target}`,
    model: `<SupportVectorMachineModel functionName="${functionName}" ${options.attributes ?? ''}>
      <MiningSchema>
        ${options.miningFields ?? '<MiningField name="x1"/><MiningField name="x2"/>'}
        <MiningField name="y" usageType="target"/>
      </MiningSchema>
      ${options.output ?? ''}
      ${options.kernel ?? '<LinearKernelType/>'}
      <VectorDictionary>
        ${options.vectorFields ?? FIELD_VECTOR}
        ${options.instances ?? ''}
      </VectorDictionary>
      ${options.machines}
    </SupportVectorMachineModel>`,
  });
}

/** A machine over support vectors: `terms` pairs a vector id with its coefficient. */
function machine(
  terms: readonly (readonly [string, number])[],
  intercept: number,
  attributes = '',
): string {
  return `<SupportVectorMachine ${attributes}>
    <SupportVectors>${terms.map(([id]) => `<SupportVector vectorId="${id}"/>`).join('')}</SupportVectors>
    <Coefficients absoluteValue="${intercept}">
      ${terms.map(([, coefficient]) => `<Coefficient value="${coefficient}"/>`).join('')}
    </Coefficients>
  </SupportVectorMachine>`;
}

/** svmRepresentation="Coefficients": f(x) = w·x + intercept. */
function linearMachine(weights: readonly number[], intercept: number, attributes = ''): string {
  return `<SupportVectorMachine ${attributes}>
    <Coefficients absoluteValue="${intercept}">
      ${weights.map((weight) => `<Coefficient value="${weight}"/>`).join('')}
    </Coefficients>
  </SupportVectorMachine>`;
}

function denseVector(id: string, values: readonly number[]): string {
  return `<VectorInstance id="${id}"><Array n="${values.length}" type="real">${values.join(' ')}</Array></VectorInstance>`;
}

/** The unit square's corners as sparse vectors: zero entries are left out. */
const CORNERS = `
  <VectorInstance id="v00"><REAL-SparseArray n="2"/></VectorInstance>
  <VectorInstance id="v01"><REAL-SparseArray n="2"><Indices>2</Indices><REAL-Entries>1</REAL-Entries></REAL-SparseArray></VectorInstance>
  <VectorInstance id="v10"><REAL-SparseArray n="2"><Indices>1</Indices><REAL-Entries>1</REAL-Entries></REAL-SparseArray></VectorInstance>
  <VectorInstance id="v11"><REAL-SparseArray n="2"><Indices>1 2</Indices><REAL-Entries>1 1</REAL-Entries></REAL-SparseArray></VectorInstance>`;

describe('SupportVectorMachineModel', () => {
  describe('regression', () => {
    it('sums coefficient times kernel value over the support vectors and adds absoluteValue', () => {
      const model = compilePmml(
        svmModel({
          kernel: '<RadialBasisKernelType gamma="0.5"/>',
          instances: CORNERS,
          machines: machine(
            [
              ['v00', -2],
              ['v01', 1.5],
              ['v10', 1.5],
              ['v11', -2],
            ],
            0.25,
          ),
        }),
      );
      expect(model.score({ x1: 0, x2: 0 }).y).toBeCloseTo(-0.6661669032049843, 15);
      expect(model.score({ x1: 0, x2: 1 }).y).toBeCloseTo(-0.1243034770933702, 15);
      expect(model.score({ x1: 0.5, x2: 0.5 }).y).toBeCloseTo(-0.528800783071405, 15);
    });

    // One support vector (1, 2) with coefficient 2 and absoluteValue 1, at x = (3, −1):
    // ⟨x, v⟩ = 1 and ‖x − v‖² = 13.
    it.each([
      ['<LinearKernelType/>', 3],
      ['<PolynomialKernelType gamma="0.5" coef0="2" degree="3"/>', 32.25],
      ['<RadialBasisKernelType gamma="0.5"/>', 1.0030068783859551],
      ['<SigmoidKernelType gamma="0.5" coef0="-1"/>', 0.07576568547998053],
    ])('evaluates the kernel %s', (kernel, expected) => {
      const model = compilePmml(
        svmModel({
          kernel,
          instances: denseVector('v', [1, 2]),
          machines: machine([['v', 2]], 1),
        }),
      );
      expect(model.score({ x1: 3, x2: -1 }).y).toBeCloseTo(expected, 14);
    });

    it('defaults the polynomial kernel to gamma 1, coef0 1 and degree 1', () => {
      const model = compilePmml(
        svmModel({
          kernel: '<PolynomialKernelType/>',
          instances: denseVector('v', [1, 2]),
          machines: machine([['v', 2]], 1),
        }),
      );
      expect(model.score({ x1: 3, x2: -1 })).toEqual({ y: 5 });
    });

    it('reads a sparse vector with its unlisted entries as 0', () => {
      const sparse = `<VectorInstance id="v">
        <REAL-SparseArray n="2"><Indices>2</Indices><REAL-Entries>4</REAL-Entries></REAL-SparseArray>
      </VectorInstance>`;
      const model = compilePmml(svmModel({ instances: sparse, machines: machine([['v', 1]], 0) }));
      expect(model.score({ x1: 100, x2: 2 })).toEqual({ y: 8 });
    });

    it('computes w·x + b with svmRepresentation="Coefficients"', () => {
      const model = compilePmml(
        svmModel({
          attributes: 'svmRepresentation="Coefficients"',
          machines: linearMachine([2, -3], 0.5),
        }),
      );
      expect(model.score({ x1: 4, x2: 1 })).toEqual({ y: 5.5 });
    });

    it('expands a categorical field into indicator entries with CategoricalPredictor', () => {
      const model = compilePmml(
        svmModel({
          attributes: 'svmRepresentation="Coefficients"',
          dataFields: `<DataField name="x1" optype="continuous" dataType="double"/>
            <DataField name="color" optype="categorical" dataType="string">
              <Value value="red"/><Value value="blue"/><Value value="green"/>
            </DataField>`,
          miningFields: '<MiningField name="x1"/><MiningField name="color"/>',
          vectorFields: `<VectorFields>
            <FieldRef field="x1"/>
            <CategoricalPredictor name="color" value="red" coefficient="1"/>
            <CategoricalPredictor name="color" value="blue" coefficient="1"/>
          </VectorFields>`,
          machines: linearMachine([1, 10, 100], 0),
        }),
      );
      expect(model.score({ x1: 2, color: 'red' })).toEqual({ y: 12 });
      expect(model.score({ x1: 2, color: 'blue' })).toEqual({ y: 102 });
      expect(model.score({ x1: 2, color: 'green' })).toEqual({ y: 2 });
    });

    it('predicts nothing when a vector field is missing', () => {
      const model = compilePmml(
        svmModel({
          attributes: 'svmRepresentation="Coefficients"',
          machines: linearMachine([1, 1], 0),
        }),
      );
      expect(model.score({ x1: 1 })).toEqual({ y: null });
    });
  });

  describe('binary classification', () => {
    const binary = (attributes: string, machineAttributes: string): string =>
      svmModel({
        functionName: 'classification',
        classes: ['yes', 'no'],
        attributes: `svmRepresentation="Coefficients" ${attributes}`,
        machines: linearMachine([1, 0], 0, machineAttributes),
      });

    it('predicts targetCategory below the threshold and alternateTargetCategory otherwise', () => {
      const model = compilePmml(binary('', 'targetCategory="yes" alternateTargetCategory="no"'));
      expect(model.score({ x1: -0.1, x2: 0 })).toEqual({ y: 'yes' });
      expect(model.score({ x1: 0, x2: 0 })).toEqual({ y: 'no' });
    });

    it("takes the machine's threshold over the model's", () => {
      const modelThreshold = compilePmml(
        binary('threshold="0.5"', 'targetCategory="yes" alternateTargetCategory="no"'),
      );
      expect(modelThreshold.score({ x1: 0.4, x2: 0 })).toEqual({ y: 'yes' });
      const machineThreshold = compilePmml(
        binary(
          'threshold="0.5"',
          'targetCategory="yes" alternateTargetCategory="no" threshold="0.3"',
        ),
      );
      expect(machineThreshold.score({ x1: 0.4, x2: 0 })).toEqual({ y: 'no' });
    });

    it('predicts targetCategory above the threshold with maxWins="true"', () => {
      const model = compilePmml(
        binary('maxWins="true"', 'targetCategory="yes" alternateTargetCategory="no"'),
      );
      expect(model.score({ x1: 0.1, x2: 0 })).toEqual({ y: 'yes' });
      expect(model.score({ x1: -0.1, x2: 0 })).toEqual({ y: 'no' });
    });

    it("infers the alternate category from a binary target's other value", () => {
      const model = compilePmml(binary('', 'targetCategory="no"'));
      expect(model.score({ x1: -1, x2: 0 })).toEqual({ y: 'no' });
      expect(model.score({ x1: 1, x2: 0 })).toEqual({ y: 'yes' });
    });

    it('rounds the decision value to 1 (targetCategory) or 0 (alternateBinaryTargetCategory)', () => {
      const model = compilePmml(
        binary('alternateBinaryTargetCategory="no"', 'targetCategory="yes"'),
      );
      expect(model.score({ x1: 0.8, x2: 0 })).toEqual({ y: 'yes' });
      expect(model.score({ x1: 0.2, x2: 0 })).toEqual({ y: 'no' });
      expect(() => model.score({ x1: 2, x2: 0 })).toThrow(PmmlError);
    });
  });

  describe('one against all', () => {
    // f_a = x1, f_b = x2, f_c = 0.5
    const machines =
      linearMachine([1, 0], 0, 'targetCategory="a"') +
      linearMachine([0, 1], 0, 'targetCategory="b"') +
      linearMachine([0, 0], 0.5, 'targetCategory="c"');

    it('predicts the category of the machine with the smallest decision value', () => {
      const model = compilePmml(
        svmModel({
          functionName: 'classification',
          attributes: 'svmRepresentation="Coefficients" classificationMethod="OneAgainstAll"',
          machines,
        }),
      );
      expect(model.score({ x1: 0.1, x2: 0.9 })).toEqual({ y: 'a' });
      expect(model.score({ x1: 0.9, x2: 0.1 })).toEqual({ y: 'b' });
      expect(model.score({ x1: 0.9, x2: 0.9 })).toEqual({ y: 'c' });
      expect(model.score({ x1: 0.2, x2: 0.2 })).toEqual({ y: 'a' });
    });

    it('predicts the largest decision value with maxWins="true"', () => {
      const model = compilePmml(
        svmModel({
          functionName: 'classification',
          attributes: 'svmRepresentation="Coefficients" maxWins="true"',
          machines,
        }),
      );
      expect(model.score({ x1: 0.1, x2: 0.9 })).toEqual({ y: 'b' });
      expect(model.score({ x1: 0.1, x2: 0.1 })).toEqual({ y: 'c' });
    });
  });

  describe('one against one', () => {
    // a|b decides by 1 − 2·x1 (a when x1 > 0.5), a|c always votes a, b|c always votes c.
    const model = (): ReturnType<typeof compilePmml> =>
      compilePmml(
        svmModel({
          functionName: 'classification',
          attributes: 'svmRepresentation="Coefficients" classificationMethod="OneAgainstOne"',
          machines:
            linearMachine([-2, 0], 1, 'targetCategory="a" alternateTargetCategory="b"') +
            linearMachine([0, 0], -1, 'targetCategory="a" alternateTargetCategory="c"') +
            linearMachine([0, 0], 1, 'targetCategory="b" alternateTargetCategory="c"'),
          output: `<Output>
            <OutputField name="pa" feature="probability" value="a"/>
            <OutputField name="pb" feature="probability" value="b"/>
            <OutputField name="pc" feature="probability" value="c"/>
          </Output>`,
        }),
      );

    it('predicts the category with the most votes and gives the vote shares as probabilities', () => {
      expect(model().score({ x1: 1, x2: 0 })).toEqual({ y: 'a', pa: 2 / 3, pb: 0, pc: 1 / 3 });
    });

    it('breaks a tie for the category that received its first vote earliest', () => {
      expect(model().score({ x1: 0, x2: 0 })).toEqual({ y: 'b', pa: 1 / 3, pb: 1 / 3, pc: 1 / 3 });
    });

    it('is implied by alternateTargetCategory when classificationMethod is absent', () => {
      const implied = compilePmml(
        svmModel({
          functionName: 'classification',
          attributes: 'svmRepresentation="Coefficients"',
          machines:
            linearMachine([1, 0], 0, 'targetCategory="a" alternateTargetCategory="b"') +
            linearMachine([1, 0], 0, 'targetCategory="a" alternateTargetCategory="c"') +
            linearMachine([0, 1], 0, 'targetCategory="b" alternateTargetCategory="c"'),
        }),
      );
      expect(implied.score({ x1: 1, x2: -1 })).toEqual({ y: 'b' });
    });
  });

  describe('refuses at compile time', () => {
    it('a support vector that is not in the VectorDictionary', () => {
      const error = compileError(
        svmModel({ instances: denseVector('v', [1, 2]), machines: machine([['w', 1]], 0) }),
      );
      expect(error.code).toBe('INVALID_PMML');
      expect(error.message).toContain('"w"');
    });

    it('a vector whose length differs from the VectorFields', () => {
      const error = compileError(
        svmModel({ instances: denseVector('v', [1, 2, 3]), machines: machine([['v', 1]], 0) }),
      );
      expect(error.code).toBe('INVALID_PMML');
    });

    it('different numbers of support vectors and coefficients', () => {
      const error = compileError(
        svmModel({
          instances: denseVector('v', [1, 2]),
          machines: `<SupportVectorMachine>
            <SupportVectors><SupportVector vectorId="v"/></SupportVectors>
            <Coefficients><Coefficient value="1"/><Coefficient value="2"/></Coefficients>
          </SupportVectorMachine>`,
        }),
      );
      expect(error.code).toBe('INVALID_PMML');
    });

    it('the Coefficients representation with a non-linear kernel', () => {
      const error = compileError(
        svmModel({
          attributes: 'svmRepresentation="Coefficients"',
          kernel: '<RadialBasisKernelType/>',
          machines: linearMachine([1, 1], 0),
        }),
      );
      expect(error.code).toBe('INVALID_PMML');
      expect(error.message).toContain('LinearKernelType');
    });

    it('a one-against-one machine without alternateTargetCategory', () => {
      const error = compileError(
        svmModel({
          functionName: 'classification',
          attributes: 'svmRepresentation="Coefficients" classificationMethod="OneAgainstOne"',
          machines:
            linearMachine([1, 0], 0, 'targetCategory="a"') +
            linearMachine([1, 0], 0, 'targetCategory="b"'),
        }),
      );
      expect(error.code).toBe('INVALID_PMML');
      expect(error.message).toContain('alternateTargetCategory');
    });
  });
});
