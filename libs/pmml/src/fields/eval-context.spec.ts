import { SlotLayout } from './eval-context';

describe('EvalContext', () => {
  const layout = new SlotLayout();
  const slot = layout.allocate(() => 'computed');
  const context = layout.newContext();

  beforeEach(() => context.nextRecord());

  it('reads back a number set unboxed, for the current record only', () => {
    context.setNumber(slot, 2.5);
    expect(context.get(slot)).toBe(2.5);
    expect(context.isSet(slot)).toBe(true);
    context.nextRecord();
    expect(context.isSet(slot)).toBe(false);
    expect(context.get(slot)).toBe('computed');
  });

  it('lets the later of set and setNumber decide', () => {
    context.setNumber(slot, 1);
    context.set(slot, 'text');
    expect(context.get(slot)).toBe('text');
    context.setNumber(slot, 3);
    expect(context.get(slot)).toBe(3);
  });
});
