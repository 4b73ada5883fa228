import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compilePmml } from './compile-pmml';
import type { CompiledPmml } from './scoring/compiled-pmml';
import { pmmlDocument } from './testing/pmml-document';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapUsedAfterCollection(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const PADDING_CHARACTERS = 16_000_000;

/**
 * A classification tree whose every kept string (field, category, node id, output name,
 * mapped value, description) is long enough for V8 to slice it from the document, which is
 * padded to 16 MB by an Extension.
 */
function compilePaddedDocument(): CompiledPmml {
  const text = pmmlDocument({
    dataDictionary: `
      <DataField name="classifiedOutcome" optype="categorical" dataType="string">
        <Value value="acceptableOutcome"/><Value value="rejectedOutcomeValue"/>
      </DataField>
      <DataField name="temperatureSensor" optype="continuous" dataType="double"/>
      <DataField name="operatingRegionName" optype="categorical" dataType="string"/>`,
    transformations: `
      <DerivedField name="operatingRegionCode" optype="categorical" dataType="string">
        <MapValues outputColumn="regionCodeColumn">
          <FieldColumnPair field="operatingRegionName" column="regionNameColumn"/>
          <InlineTable>
            <row><regionNameColumn>northernHighlands</regionNameColumn><regionCodeColumn>northernHighlandsCode</regionCodeColumn></row>
          </InlineTable>
        </MapValues>
      </DerivedField>`,
    model: `<TreeModel functionName="classification">
      <MiningSchema>
        <MiningField name="classifiedOutcome" usageType="target"/>
        <MiningField name="temperatureSensor"/>
        <MiningField name="operatingRegionName"/>
      </MiningSchema>
      <Output>
        <OutputField name="predictedOutcomeLabel" feature="predictedValue"/>
        <OutputField name="regionCodeAsMapped" feature="transformedValue">
          <FieldRef field="operatingRegionCode"/>
        </OutputField>
        <OutputField name="winningNodeIdentifier" feature="entityId"/>
      </Output>
      <Node id="rootNodeIdentifier" score="acceptableOutcome"><True/>
        <Node id="coldBranchIdentifier" score="rejectedOutcomeValue">
          <SimplePredicate field="temperatureSensor" operator="lessThan" value="10"/>
        </Node>
        <Node id="warmBranchIdentifier" score="acceptableOutcome"><True/></Node>
      </Node>
    </TreeModel>`,
  }).replace(
    '<Header/>',
    `<Header description="a description that is long enough to be sliced">
      <Extension name="padding">${'p'.repeat(PADDING_CHARACTERS)}</Extension>
    </Header>`,
  );
  return compilePmml(text);
}

describe('compiled model memory', () => {
  it('keeps none of the document text alive', () => {
    const before = heapUsedAfterCollection();
    const model = compilePaddedDocument();
    const retained = heapUsedAfterCollection() - before;
    expect(model.score({ temperatureSensor: 5, operatingRegionName: 'northernHighlands' })).toEqual(
      {
        classifiedOutcome: 'rejectedOutcomeValue',
        predictedOutcomeLabel: 'rejectedOutcomeValue',
        regionCodeAsMapped: 'northernHighlandsCode',
        winningNodeIdentifier: 'coldBranchIdentifier',
      },
    );
    expect(model.description.headerDescription).toBe(
      'a description that is long enough to be sliced',
    );
    expect(retained).toBeLessThan(PADDING_CHARACTERS / 8);
  });
});
