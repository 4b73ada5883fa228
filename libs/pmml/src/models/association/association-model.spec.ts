import { compilePmml } from '../../compile-pmml';
import { pmmlDocument } from '../../testing/pmml-document';
import { compileError } from '../../testing/compile-error';

const ITEMS = `
  <Item id="1" value="bread"/><Item id="2" value="milk"/><Item id="3" value="jam"/><Item id="4" value="tea"/>
  <Itemset id="1"><ItemRef itemRef="1"/></Itemset>
  <Itemset id="2"><ItemRef itemRef="2"/></Itemset>
  <Itemset id="3"><ItemRef itemRef="3"/></Itemset>
  <Itemset id="4"><ItemRef itemRef="1"/><ItemRef itemRef="2"/></Itemset>
  <Itemset id="5"><ItemRef itemRef="3"/><ItemRef itemRef="4"/></Itemset>`;

/**
 * Rules (entity ids 1..4 by position):
 * 1 bread → milk, 2 milk → bread, 3 bread → jam, 4 {bread, milk} → {jam, tea}.
 */
const RULES = `
  <AssociationRule antecedent="1" consequent="2" support="0.5" confidence="0.8" lift="1.2"/>
  <AssociationRule antecedent="2" consequent="1" support="0.5" confidence="0.9" lift="1.1"/>
  <AssociationRule antecedent="1" consequent="3" support="0.3" confidence="0.8" lift="1.5"/>
  <AssociationRule antecedent="4" consequent="5" support="0.1" confidence="0.6" lift="2"/>`;

function transactional(output: string, rules = RULES, items = ITEMS): string {
  return pmmlDocument({
    dataDictionary: `
      <DataField name="basket" optype="categorical" dataType="string"/>
      <DataField name="item" optype="categorical" dataType="string"/>`,
    model: `<AssociationModel functionName="associationRules" numberOfTransactions="10"
        minimumSupport="0.1" minimumConfidence="0.5" numberOfItems="4" numberOfItemsets="5" numberOfRules="4">
      <MiningSchema>
        <MiningField name="basket" usageType="group"/><MiningField name="item"/>
      </MiningSchema>
      <Output>${output}</Output>
      ${items}${rules}
    </AssociationModel>`,
  });
}

/** Rule ids at ranks 1..3 of an algorithm, ranked by confidence (the defaults otherwise). */
function rankedIds(algorithm: string): string {
  return [1, 2, 3]
    .map(
      (rank) =>
        `<OutputField name="id${rank}" feature="entityId" algorithm="${algorithm}" rank="${rank}" dataType="string"/>`,
    )
    .join('');
}

describe('AssociationModel', () => {
  describe('algorithms, ranked by confidence with ties in document order', () => {
    const basket = { basket: 'T1', item: ['bread', 'milk'] };

    it('recommendation: every rule whose antecedent is in the basket', () => {
      const model = compilePmml(transactional(rankedIds('recommendation')));
      expect(model.score(basket)).toEqual({ id1: '2', id2: '1', id3: '3' });
    });

    it('exclusiveRecommendation: those whose consequent is not wholly in the basket', () => {
      const model = compilePmml(transactional(rankedIds('exclusiveRecommendation')));
      expect(model.score(basket)).toEqual({ id1: '3', id2: '4', id3: null });
    });

    it('ruleAssociation: those whose antecedent and consequent are both in the basket', () => {
      const model = compilePmml(transactional(rankedIds('ruleAssociation')));
      expect(model.score(basket)).toEqual({ id1: '2', id2: '1', id3: null });
    });
  });

  it('ranks by another measure and in ascending order when asked', () => {
    const model = compilePmml(
      transactional(`
        <OutputField name="byLift" feature="entityId" algorithm="recommendation" rankBasis="lift" dataType="string"/>
        <OutputField name="lowestSupport" feature="entityId" algorithm="recommendation" rankBasis="support" rankOrder="ascending" dataType="string"/>
        <OutputField name="highestSupport" feature="entityId" algorithm="recommendation" rankBasis="support" dataType="string"/>`),
    );
    expect(model.score({ item: ['bread', 'milk'] })).toEqual({
      byLift: '4',
      lowestSupport: '4',
      highestSupport: '1',
    });
  });

  it('gives the features of the selected rule', () => {
    const model = compilePmml(
      transactional(
        ['ruleId', 'support', 'confidence', 'lift', 'leverage', 'antecedent', 'consequent', 'rule']
          .map(
            (feature) =>
              `<OutputField name="${feature}" feature="ruleValue" ruleFeature="${feature}" algorithm="exclusiveRecommendation" rank="2"/>`,
          )
          .join(''),
      ),
    );
    expect(model.score({ item: ['bread', 'milk'] })).toEqual({
      ruleId: '4',
      support: 0.1,
      confidence: 0.6,
      lift: 2,
      leverage: null,
      antecedent: '["bread","milk"]',
      consequent: '["jam","tea"]',
      rule: '{bread,milk}->{jam,tea}',
    });
  });

  it('lists the features of the first rank rules, or of all for rank 0, when isMultiValued', () => {
    const model = compilePmml(
      transactional(`
        <OutputField name="top2" feature="ruleValue" ruleFeature="ruleId" algorithm="recommendation" rank="2" isMultiValued="1"/>
        <OutputField name="all" feature="ruleValue" ruleFeature="consequent" algorithm="recommendation" rank="0" isMultiValued="1"/>`),
    );
    expect(model.score({ item: ['milk', 'bread'] })).toEqual({
      top2: '["2","1"]',
      all: '[["bread"],["milk"],["jam"],["jam","tea"]]',
    });
  });

  it('reads a single value as a one-item basket, ignores unknown items and gives nothing for an empty basket', () => {
    const model = compilePmml(transactional(rankedIds('recommendation')));
    expect(model.score({ item: 'milk' })).toEqual({ id1: '2', id2: null, id3: null });
    expect(model.score({ item: ['coffee', 'milk', ''] })).toEqual({
      id1: '2',
      id2: null,
      id3: null,
    });
    expect(model.score({ item: [] })).toEqual({ id1: null, id2: null, id3: null });
    expect(model.score({})).toEqual({ id1: null, id2: null, id3: null });
  });

  it('takes rule ids from the id attribute when there is one', () => {
    const model = compilePmml(
      transactional(
        rankedIds('recommendation'),
        '<AssociationRule id="bm" antecedent="1" consequent="2" support="0.5" confidence="0.8"/>',
      ),
    );
    expect(model.score({ item: ['bread'] })).toEqual({ id1: 'bm', id2: null, id3: null });
  });

  it('reads items from true/false fields and field=category values when there is no group field', () => {
    const model = compilePmml(
      pmmlDocument({
        dataDictionary: `
          <DataField name="bread" optype="categorical" dataType="string"/>
          <DataField name="drink" optype="categorical" dataType="string"/>`,
        model: `<AssociationModel functionName="associationRules">
          <MiningSchema><MiningField name="bread"/><MiningField name="drink"/></MiningSchema>
          <Output><OutputField name="id" feature="entityId" algorithm="recommendation" dataType="string"/></Output>
          <Item id="1" value="bread"/><Item id="2" value="drink=tea"/>
          <Itemset id="1"><ItemRef itemRef="1"/></Itemset>
          <Itemset id="2"><ItemRef itemRef="1"/><ItemRef itemRef="2"/></Itemset>
          <Itemset id="3"><ItemRef itemRef="2"/></Itemset>
          <AssociationRule antecedent="1" consequent="3" support="0.2" confidence="0.5"/>
          <AssociationRule antecedent="2" consequent="1" support="0.2" confidence="0.9"/>
        </AssociationModel>`,
      }),
    );
    expect(model.score({ bread: 'T', drink: 'tea' })).toEqual({ id: '2' });
    expect(model.score({ bread: 'T', drink: 'coffee' })).toEqual({ id: '1' });
    expect(model.score({ bread: 'F', drink: 'tea' })).toEqual({ id: null });
  });

  it('refuses an ItemRef to an undefined Item', () => {
    const error = compileError(
      transactional(
        rankedIds('recommendation'),
        RULES,
        `${ITEMS}<Itemset id="9"><ItemRef itemRef="42"/></Itemset>`,
      ),
    );
    expect(error.message).toMatch(
      /^ItemRef \(line \d+\): itemRef "42" refers to nothing defined\.$/,
    );
  });

  it('refuses a rank basis that some rule lacks', () => {
    const error = compileError(
      transactional('<OutputField name="x" feature="entityId" rankBasis="leverage"/>'),
    );
    expect(error.code).toBe('INVALID_PMML');
    expect(error.message).toMatch(/rankBasis "leverage" needs the attribute "leverage"/);
  });

  it('refuses outputs of a predicted value, which association rules do not have', () => {
    const error = compileError(transactional('<OutputField name="p" feature="predictedValue"/>'));
    expect(error.code).toBe('UNSUPPORTED');
  });
});
