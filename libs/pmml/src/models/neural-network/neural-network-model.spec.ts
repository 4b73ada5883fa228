import { compilePmml } from '../../compile-pmml';
import { pmmlDocument } from '../../testing/pmml-document';
import { compileError } from '../../testing/compile-error';

const CONTINUOUS_INPUTS = `
  <DataField name="x1" optype="continuous" dataType="double"/>
  <DataField name="x2" optype="continuous" dataType="double"/>`;

/** NeuralInputs i1 and i2 reading x1 and x2 as they are. */
const FIELD_INPUTS = `<NeuralInputs>
  <NeuralInput id="i1"><DerivedField dataType="double" optype="continuous"><FieldRef field="x1"/></DerivedField></NeuralInput>
  <NeuralInput id="i2"><DerivedField dataType="double" optype="continuous"><FieldRef field="x2"/></DerivedField></NeuralInput>
</NeuralInputs>`;

/** The regression output: neuron `id` is y itself. */
function identityOutput(id: string, target = 'y'): string {
  return `<NeuralOutput outputNeuron="${id}">
    <DerivedField dataType="double" optype="continuous"><FieldRef field="${target}"/></DerivedField>
  </NeuralOutput>`;
}

/** A regression network over x1 and x2 predicting y. */
function regressionNetwork(options: {
  attributes?: string;
  inputs?: string;
  layers: string;
  outputs: string;
  dataFields?: string;
  miningFields?: string;
}): string {
  return pmmlDocument({
    dataDictionary: `${options.dataFields ?? CONTINUOUS_INPUTS}
      <DataField name="y" optype="continuous" dataType="double"/>`,
    model: `<NeuralNetwork functionName="regression" ${options.attributes ?? 'activationFunction="identity"'}>
      <MiningSchema>
        ${options.miningFields ?? '<MiningField name="x1"/><MiningField name="x2"/>'}
        <MiningField name="y" usageType="target"/>
      </MiningSchema>
      ${options.inputs ?? FIELD_INPUTS}
      ${options.layers}
      <NeuralOutputs>${options.outputs}</NeuralOutputs>
    </NeuralNetwork>`,
  });
}

/** A classification network over x1 and x2 whose output neurons o1, o2, ... are the classes a, b, ... */
function classificationNetwork(options: {
  attributes?: string;
  layers: string;
  classes: readonly string[];
  output?: string;
}): string {
  const outputs = options.classes
    .map(
      (label, index) => `<NeuralOutput outputNeuron="o${index + 1}">
        <DerivedField dataType="string" optype="categorical"><NormDiscrete field="class" value="${label}"/></DerivedField>
      </NeuralOutput>`,
    )
    .join('');
  return pmmlDocument({
    dataDictionary: `${CONTINUOUS_INPUTS}
      <DataField name="class" optype="categorical" dataType="string">
        ${options.classes.map((label) => `<Value value="${label}"/>`).join('')}
      </DataField>`,
    model: `<NeuralNetwork functionName="classification" ${options.attributes ?? 'activationFunction="identity"'}>
      <MiningSchema>
        <MiningField name="x1"/><MiningField name="x2"/><MiningField name="class" usageType="target"/>
      </MiningSchema>
      ${options.output ?? ''}
      ${FIELD_INPUTS}
      ${options.layers}
      <NeuralOutputs>${outputs}</NeuralOutputs>
    </NeuralNetwork>`,
  });
}

/** One layer with one neuron "n": z = 2·x1 + 0.5, then the given activation. */
function singleNeuron(layerAttributes: string, networkAttributes = ''): string {
  return regressionNetwork({
    attributes: networkAttributes,
    layers: `<NeuralLayer ${layerAttributes}>
      <Neuron id="n" bias="0.5"><Con from="i1" weight="2"/></Neuron>
    </NeuralLayer>`,
    outputs: identityOutput('n'),
  });
}

describe('NeuralNetwork', () => {
  it('sums weight times input over the connections and adds the bias', () => {
    const model = compilePmml(
      regressionNetwork({
        layers: `<NeuralLayer>
          <Neuron id="n" bias="0.5"><Con from="i1" weight="2"/><Con from="i2" weight="-1"/></Neuron>
        </NeuralLayer>`,
        outputs: identityOutput('n'),
      }),
    );
    expect(model.score({ x1: 3, x2: 1 })).toEqual({ y: 5.5 });
  });

  it.each([
    ['logistic', 0.8807970779778823],
    ['tanh', 0.9640275800758169],
    ['identity', 2],
    ['exponential', 7.38905609893065],
    ['reciprocal', 0.5],
    ['square', 4],
    ['Gauss', 0.01831563888873418],
    ['sine', 0.9092974268256817],
    ['cosine', -0.4161468365471424],
    ['Elliott', 2 / 3],
    ['arctan', 0.7048327646991335],
    ['rectifier', 2],
  ])('applies the %s activation function to the weighted sum 2', (fn, expected) => {
    const model = compilePmml(singleNeuron(`activationFunction="${fn}"`));
    expect(model.score({ x1: 0.75, x2: 0 }).y).toBeCloseTo(expected, 14);
  });

  it('gives 1 for the threshold function only above the threshold of the layer or network', () => {
    const layerThreshold = compilePmml(
      singleNeuron('activationFunction="threshold" threshold="1.5"'),
    );
    expect(layerThreshold.score({ x1: 0.75, x2: 0 })).toEqual({ y: 1 });
    expect(layerThreshold.score({ x1: 0.5, x2: 0 })).toEqual({ y: 0 });
    const networkThreshold = compilePmml(
      singleNeuron('', 'activationFunction="threshold" threshold="2.5"'),
    );
    expect(networkThreshold.score({ x1: 0.75, x2: 0 })).toEqual({ y: 0 });
  });

  it('cuts a rectifier at 0, or scales negative sums by x-leakage', () => {
    const plain = compilePmml(singleNeuron('activationFunction="rectifier"'));
    expect(plain.score({ x1: -1, x2: 0 })).toEqual({ y: 0 });
    const leaky = compilePmml(singleNeuron('activationFunction="rectifier" x-leakage="0.1"'));
    expect(leaky.score({ x1: -1, x2: 0 }).y).toBeCloseTo(-0.15, 15);
  });

  it('computes a radial basis neuron from the distance to its weights, width, altitude and fan-in', () => {
    const layers = (neuronWidth: string): string => `<NeuralLayer width="2" altitude="2">
      <Neuron id="n" ${neuronWidth}><Con from="i1" weight="1"/><Con from="i2" weight="3"/></Neuron>
    </NeuralLayer>`;
    const network = (neuronWidth: string): string =>
      regressionNetwork({
        attributes: 'activationFunction="radialBasis"',
        layers: layers(neuronWidth),
        outputs: identityOutput('n'),
      });
    // ‖(2, 1) − (1, 3)‖² = 5; exp(−5 / (2·2²) + 2·ln 2) = 4·exp(−0.625)
    expect(compilePmml(network('')).score({ x1: 2, x2: 1 }).y).toBeCloseTo(2.1410457140759607, 14);
    // The neuron's own width 1: 4·exp(−2.5)
    expect(compilePmml(network('width="1"')).score({ x1: 2, x2: 1 }).y).toBeCloseTo(
      0.32833999449559514,
      14,
    );
  });

  it('runs the layers in order, each reading the outputs of the one before', () => {
    const model = compilePmml(
      regressionNetwork({
        attributes: 'activationFunction="rectifier"',
        layers: `<NeuralLayer>
            <Neuron id="h1"><Con from="i1" weight="1"/><Con from="i2" weight="1"/></Neuron>
            <Neuron id="h2"><Con from="i1" weight="1"/><Con from="i2" weight="-1"/></Neuron>
          </NeuralLayer>
          <NeuralLayer activationFunction="identity">
            <Neuron id="o" bias="1"><Con from="h1" weight="10"/><Con from="h2" weight="100"/></Neuron>
          </NeuralLayer>`,
        outputs: identityOutput('o'),
      }),
    );
    // h1 = relu(1 + 2) = 3, h2 = relu(1 − 2) = 0
    expect(model.score({ x1: 1, x2: 2 })).toEqual({ y: 31 });
  });

  it('lets a neuron connect to an input or a neuron of any earlier layer, in any order', () => {
    const model = compilePmml(
      regressionNetwork({
        layers: `<NeuralLayer><Neuron id="h"><Con from="i1" weight="1"/></Neuron></NeuralLayer>
          <NeuralLayer><Neuron id="o"><Con from="h" weight="2"/><Con from="i2" weight="3"/></Neuron></NeuralLayer>`,
        outputs: identityOutput('o'),
      }),
    );
    expect(model.score({ x1: 5, x2: 7 })).toEqual({ y: 31 });
  });

  it('evaluates NormContinuous and NormDiscrete inputs', () => {
    const model = compilePmml(
      regressionNetwork({
        dataFields: `<DataField name="x" optype="continuous" dataType="double"/>
          <DataField name="color" optype="categorical" dataType="string">
            <Value value="red"/><Value value="blue"/>
          </DataField>`,
        miningFields: '<MiningField name="x"/><MiningField name="color"/>',
        inputs: `<NeuralInputs>
          <NeuralInput id="scaled"><DerivedField dataType="double" optype="continuous">
            <NormContinuous field="x"><LinearNorm orig="0" norm="0"/><LinearNorm orig="10" norm="1"/></NormContinuous>
          </DerivedField></NeuralInput>
          <NeuralInput id="red"><DerivedField dataType="double" optype="continuous">
            <NormDiscrete field="color" value="red"/>
          </DerivedField></NeuralInput>
        </NeuralInputs>`,
        layers: `<NeuralLayer>
          <Neuron id="n"><Con from="scaled" weight="1"/><Con from="red" weight="10"/></Neuron>
        </NeuralLayer>`,
        outputs: identityOutput('n'),
      }),
    );
    expect(model.score({ x: 5, color: 'red' })).toEqual({ y: 10.5 });
    expect(model.score({ x: 5, color: 'blue' })).toEqual({ y: 0.5 });
  });

  it('denormalises a NormContinuous output, extrapolating beyond the last LinearNorm', () => {
    const model = compilePmml(
      regressionNetwork({
        layers: `<NeuralLayer><Neuron id="n"><Con from="i1" weight="1"/></Neuron></NeuralLayer>`,
        outputs: `<NeuralOutput outputNeuron="n">
          <DerivedField dataType="double" optype="continuous">
            <NormContinuous field="y">
              <LinearNorm orig="0" norm="0.1"/><LinearNorm orig="100" norm="0.5"/><LinearNorm orig="1000" norm="0.9"/>
            </NormContinuous>
          </DerivedField>
        </NeuralOutput>`,
      }),
    );
    expect(model.score({ x1: 0.3, x2: 0 }).y).toBeCloseTo(50, 12);
    expect(model.score({ x1: 0.7, x2: 0 }).y).toBeCloseTo(550, 12);
    expect(model.score({ x1: 1, x2: 0 }).y).toBeCloseTo(1225, 12);
  });

  it('predicts nothing when an input is missing', () => {
    const model = compilePmml(
      regressionNetwork({
        layers: `<NeuralLayer><Neuron id="n"><Con from="i1" weight="1"/><Con from="i2" weight="1"/></Neuron></NeuralLayer>`,
        outputs: identityOutput('n'),
      }),
    );
    expect(model.score({ x1: 1 })).toEqual({ y: null });
  });

  it('predicts each target of a multi-target network from its own output neuron', () => {
    const text = pmmlDocument({
      dataDictionary: `${CONTINUOUS_INPUTS}
        <DataField name="y" optype="continuous" dataType="double"/>
        <DataField name="z" optype="continuous" dataType="double"/>`,
      model: `<NeuralNetwork functionName="regression" activationFunction="identity">
        <MiningSchema>
          <MiningField name="x1"/><MiningField name="x2"/>
          <MiningField name="y" usageType="target"/><MiningField name="z" usageType="target"/>
        </MiningSchema>
        ${FIELD_INPUTS}
        <NeuralLayer>
          <Neuron id="ny"><Con from="i1" weight="2"/></Neuron>
          <Neuron id="nz"><Con from="i2" weight="3"/></Neuron>
        </NeuralLayer>
        <NeuralOutputs>${identityOutput('ny', 'y')}${identityOutput('nz', 'z')}</NeuralOutputs>
      </NeuralNetwork>`,
    });
    expect(compilePmml(text).score({ x1: 1, x2: 1 })).toEqual({ y: 2, z: 3 });
  });

  describe('classification', () => {
    /** Output neurons o1..o3 with biases 1, 2, 3 (and no weight on x1). */
    const biasLayer = (attributes: string): string => `<NeuralLayer ${attributes}>
      <Neuron id="o1" bias="1"><Con from="i1" weight="0"/></Neuron>
      <Neuron id="o2" bias="2"><Con from="i1" weight="0"/></Neuron>
      <Neuron id="o3" bias="3"><Con from="i1" weight="0"/></Neuron>
    </NeuralLayer>`;
    const probabilities = `<Output>
      <OutputField name="pa" feature="probability" value="a"/>
      <OutputField name="pb" feature="probability" value="b"/>
      <OutputField name="pc" feature="probability" value="c"/>
      <OutputField name="winner" feature="entityId" dataType="string"/>
    </Output>`;

    it('turns a softmax layer into class probabilities and predicts the most probable class', () => {
      const model = compilePmml(
        classificationNetwork({
          layers: biasLayer('normalizationMethod="softmax"'),
          classes: ['a', 'b', 'c'],
          output: probabilities,
        }),
      );
      const result = model.score({ x1: 1, x2: 1 });
      expect(result.class).toBe('c');
      expect(result.winner).toBe('o3');
      expect(result.pa).toBeCloseTo(0.09003057317038046, 15);
      expect(result.pb).toBeCloseTo(0.24472847105479767, 15);
      expect(result.pc).toBeCloseTo(0.6652409557748219, 15);
    });

    it('divides by the sum with simplemax, set on the network for every layer', () => {
      const model = compilePmml(
        classificationNetwork({
          attributes: 'activationFunction="identity" normalizationMethod="simplemax"',
          layers: biasLayer(''),
          classes: ['a', 'b', 'c'],
          output: probabilities,
        }),
      );
      const result = model.score({ x1: 1, x2: 1 });
      expect(result.pa).toBeCloseTo(1 / 6, 15);
      expect(result.pb).toBeCloseTo(1 / 3, 15);
      expect(result.pc).toBeCloseTo(1 / 2, 15);
    });

    it('gives the first class the win when two outputs tie', () => {
      const model = compilePmml(
        classificationNetwork({
          layers: `<NeuralLayer>
            <Neuron id="o1" bias="1"><Con from="i1" weight="0"/></Neuron>
            <Neuron id="o2" bias="2"><Con from="i1" weight="0"/></Neuron>
            <Neuron id="o3" bias="2"><Con from="i1" weight="0"/></Neuron>
          </NeuralLayer>`,
          classes: ['a', 'b', 'c'],
        }),
      );
      expect(model.score({ x1: 1, x2: 1 })).toEqual({ class: 'b' });
    });

    it('computes each neuron of a layer whose size is not a multiple of four from its own weights', () => {
      const classes = ['k1', 'k2', 'k3', 'k4', 'k5'];
      const neurons = classes
        .map(
          (_, index) => `<Neuron id="o${index + 1}" bias="${(index + 1) / 10}">
            <Con from="i1" weight="${index + 1}"/><Con from="i2" weight="-1"/>
          </Neuron>`,
        )
        .join('');
      const output = `<Output>${classes
        .map((label) => `<OutputField name="p_${label}" feature="probability" value="${label}"/>`)
        .join('')}</Output>`;
      const model = compilePmml(
        classificationNetwork({ layers: `<NeuralLayer>${neurons}</NeuralLayer>`, classes, output }),
      );
      // z_k = k·x1 − x2 + k/10 with x1 = 2, x2 = 3
      expect(model.score({ x1: 2, x2: 3 })).toEqual({
        class: 'k5',
        p_k1: -0.9,
        p_k2: 1.2,
        p_k3: 3.3,
        p_k4: 5.4,
        p_k5: 7.5,
      });
    });
  });

  describe('refuses at compile time', () => {
    it('a connection from an unknown neuron', () => {
      const error = compileError(
        regressionNetwork({
          layers: `<NeuralLayer><Neuron id="n"><Con from="nowhere" weight="1"/></Neuron></NeuralLayer>`,
          outputs: identityOutput('n'),
        }),
      );
      expect(error.code).toBe('INVALID_PMML');
      expect(error.message).toContain('nowhere');
    });

    it('a connection from a neuron of the same layer', () => {
      const error = compileError(
        regressionNetwork({
          layers: `<NeuralLayer>
            <Neuron id="a"><Con from="i1" weight="1"/></Neuron>
            <Neuron id="b"><Con from="a" weight="1"/></Neuron>
          </NeuralLayer>`,
          outputs: identityOutput('b'),
        }),
      );
      expect(error.code).toBe('UNSUPPORTED');
    });

    it('a layer without an activation function from itself or the network', () => {
      const error = compileError(singleNeuron('', ''));
      expect(error.code).toBe('INVALID_PMML');
      expect(error.message).toContain('activationFunction');
    });

    it('a radial basis neuron without a width', () => {
      const error = compileError(singleNeuron('activationFunction="radialBasis"'));
      expect(error.code).toBe('INVALID_PMML');
      expect(error.message).toContain('width');
    });

    it('an output neuron that does not exist', () => {
      const error = compileError(
        regressionNetwork({
          layers: `<NeuralLayer><Neuron id="n"><Con from="i1" weight="1"/></Neuron></NeuralLayer>`,
          outputs: identityOutput('missing'),
        }),
      );
      expect(error.code).toBe('INVALID_PMML');
      expect(error.message).toContain('outputNeuron');
    });

    it('float arithmetic (x-mathContext="float")', () => {
      const error = compileError(
        singleNeuron('', 'activationFunction="identity" x-mathContext="float"'),
      );
      expect(error.code).toBe('UNSUPPORTED');
      expect(error.message).toContain('x-mathContext');
    });
  });
});
