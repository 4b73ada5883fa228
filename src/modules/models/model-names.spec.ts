import { fileBaseName, safeName } from './model-names';

describe('safeName', () => {
  it('keeps letters, digits, underscore, dot and dash', () => {
    expect(safeName('Iso-Forest_2.1')).toBe('Iso-Forest_2.1');
  });

  it('turns every other character into an underscore', () => {
    expect(safeName('my model/v2 "beta"')).toBe('my_model_v2__beta_');
    expect(safeName('Bäume')).toBe('B_ume');
  });

  it('cuts names to 255 characters', () => {
    expect(safeName('x'.repeat(300))).toHaveLength(255);
  });
});

describe('fileBaseName', () => {
  it('drops the directory and the last extension', () => {
    expect(fileBaseName('C:\\models\\trees.pmml')).toBe('trees');
    expect(fileBaseName('dir/forest.v2.xml')).toBe('forest.v2');
    expect(fileBaseName('.hidden')).toBe('.hidden');
  });
});
