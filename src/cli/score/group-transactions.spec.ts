import { compilePmml } from '@scorecast/pmml';
import { parseCsv } from '../../core/csv/csv-format';
import { groupTransactions } from './group-transactions';
import { scoreCsvTable } from './score-csv';
import { REGRESSION } from './score-models.testing';

/** Association rules over baskets of `item` grouped by `basket`: bread → milk, milk → bread. */
const BASKET_RULES = `<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4">
  <Header/>
  <DataDictionary>
    <DataField name="basket" optype="categorical" dataType="string"/>
    <DataField name="item" optype="categorical" dataType="string"/>
  </DataDictionary>
  <AssociationModel functionName="associationRules">
    <MiningSchema><MiningField name="basket" usageType="group"/><MiningField name="item"/></MiningSchema>
    <Output>
      <OutputField name="rule" feature="entityId" algorithm="exclusiveRecommendation" dataType="string"/>
    </Output>
    <Item id="1" value="bread"/><Item id="2" value="milk"/>
    <Itemset id="1"><ItemRef itemRef="1"/></Itemset>
    <Itemset id="2"><ItemRef itemRef="2"/></Itemset>
    <AssociationRule antecedent="1" consequent="2" support="0.5" confidence="0.9"/>
    <AssociationRule antecedent="2" consequent="1" support="0.5" confidence="0.8"/>
  </AssociationModel>
</PMML>`;

describe('groupTransactions', () => {
  it('makes one record per group value, in order of first appearance, with the items as a list', () => {
    const table = parseCsv('basket,item,note\nB,milk,first\nA,bread,x\nB,,y\nB,jam,z\n');
    expect(groupTransactions(compilePmml(BASKET_RULES), table)).toEqual({
      header: ['basket', 'item', 'note'],
      rows: [
        ['B', ['milk', 'jam'], 'first'],
        ['A', ['bread'], 'x'],
      ],
    });
  });

  it('leaves the rows of a model without a group field as they are', () => {
    const table = parseCsv('x\n1\n2\n');
    expect(groupTransactions(compilePmml(REGRESSION), table)).toBe(table);
  });

  it('lets scoreCsvTable write one line per transaction', () => {
    const table = parseCsv('basket,item\nT1,bread\nT2,milk\nT1,milk\nT3,bread\n');
    expect(Buffer.from(scoreCsvTable(compilePmml(BASKET_RULES), table).bytes).toString()).toBe(
      'rule\n""\n2\n1\n',
    );
  });
});
