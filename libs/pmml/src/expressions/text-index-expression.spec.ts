import { expressionOf } from '../functions/testing/expression-fixture';

// A TextIndex over the string field s, looking for `term`.
function textIndex(attributes: string, term: string, normalization = '') {
  const frequency = expressionOf(
    `<TextIndex textField="s" ${attributes}>${normalization}<Constant dataType="string">${term}</Constant></TextIndex>`,
  );
  return (text?: string) => frequency(text === undefined ? {} : { s: text });
}

const table = (rows: [string, string, boolean][]) =>
  `<InlineTable>${rows
    .map(
      ([from, to, regex]) =>
        `<row><string>${from}</string><stem>${to}</stem><regex>${regex}</regex></row>`,
    )
    .join('')}</InlineTable>`;

describe('TextIndex', () => {
  it('counts the term in words split at blanks, ignoring case and surrounding punctuation', () => {
    const count = textIndex('', 'the cat');
    expect(count('The cat sat. "The CAT!" then the cats')).toBe(2);
    expect(count('no match here')).toBe(0);
  });

  it('weights the count as binary or logarithmic', () => {
    const text = 'a cat, a cat and a cat';
    expect(textIndex('localTermWeights="binary"', 'cat')(text)).toBe(1);
    expect(textIndex('localTermWeights="logarithmic"', 'cat')(text)).toBe(Math.log10(4));
    expect(textIndex('localTermWeights="termFrequency"', 'cat')(text)).toBe(3);
  });

  it('weights augmentedNormalizedTermFrequency by the most frequent word of the text', () => {
    const weight = textIndex('localTermWeights="augmentedNormalizedTermFrequency"', 'a');
    expect(weight('a b b c')).toBe(0.75);
    expect(weight('b c')).toBe(0);
  });

  it('matches case exactly when isCaseSensitive is true', () => {
    expect(textIndex('isCaseSensitive="true"', 'the cat')('The cat and the cat')).toBe(1);
  });

  it('allows Levenshtein edits: allHits counts all near matches, bestHits only the closest', () => {
    const text = 'cat hat cart dog';
    expect(textIndex('maxLevenshteinDistance="1"', 'cat')(text)).toBe(3);
    expect(textIndex('maxLevenshteinDistance="1" countHits="bestHits"', 'cat')(text)).toBe(1);
    expect(textIndex('maxLevenshteinDistance="1" countHits="bestHits"', 'cat')('hat cart')).toBe(2);
    expect(textIndex('maxLevenshteinDistance="2"', 'black cat')('block hat')).toBe(1);
    expect(textIndex('maxLevenshteinDistance="1"', 'black cat')('block hat')).toBe(0);
  });

  it('splits words at wordSeparatorCharacterRE, or takes the matches of x-wordRE', () => {
    expect(textIndex('wordSeparatorCharacterRE="[\\s,]+"', 'b')('a,b,,c')).toBe(1);
    expect(textIndex('x-wordRE="\\w+"', 's')("it's a cat's")).toBe(2);
    // The term is split the same way: "a" is no word for this pattern, in the term neither.
    expect(textIndex('x-wordRE="(?u)\\b\\w\\w+\\b"', 'a cat')("it's a cat")).toBe(1);
  });

  it('normalizes the text (not the term) with the rows of TextIndexNormalization in order', () => {
    const normalization = `<TextIndexNormalization>${table([
      ['colour', 'color', false],
      ['\\b(a|the)\\b', ' ', true],
    ])}</TextIndexNormalization>`;
    const count = textIndex('', 'color sat', normalization);
    expect(count('The COLOUR the sat')).toBe(1);
    expect(textIndex('', 'colour', normalization)('colour')).toBe(0);
  });

  it('reapplies a recursive normalization table until the text stops changing', () => {
    const rows = table([['aa', 'a', false]]);
    const once = textIndex('', 'a cat', `<TextIndexNormalization>${rows}</TextIndexNormalization>`);
    const recursive = textIndex(
      '',
      'a cat',
      `<TextIndexNormalization recursive="true">${rows}</TextIndexNormalization>`,
    );
    expect(once('aaaa cat')).toBe(0);
    expect(recursive('aaaa cat')).toBe(1);
  });

  it('gives missing for a missing text', () => {
    expect(textIndex('', 'cat')()).toBeNull();
  });

  it('is called through a DefineFunction as sklearn2pmml writes it, once per vocabulary term', () => {
    const tf = `<DefineFunction name="tf" optype="continuous" dataType="integer">
        <ParameterField name="document"/><ParameterField name="term"/>
        <TextIndex textField="document" x-wordRE="\\w+"><FieldRef field="term"/></TextIndex>
      </DefineFunction>`;
    const call = (term: string) =>
      `<Apply function="tf"><Apply function="lowercase"><FieldRef field="s"/></Apply><Constant dataType="string">${term}</Constant></Apply>`;
    const sum = expressionOf(`<Apply function="+">${call('good')}${call('very good')}</Apply>`, tf);
    expect(sum({ s: 'Very good, really GOOD.' })).toBe(3);
  });

  it('refuses tokenize="false" and an invalid word pattern when compiling', () => {
    expect(() => textIndex('tokenize="false"', 'cat')).toThrow('tokenize="false" is not supported');
    expect(() => textIndex('x-wordRE="(\\w+)+"', 'cat')).toThrow('exponential time');
  });
});
