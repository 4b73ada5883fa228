import { invalidPmml } from '../errors';
import type { DataType, OpType, Value } from '../values/value';
import type { SlotLayout } from './eval-context';

/** What the compiler knows about a field visible in a scope. */
export interface FieldInfo {
  readonly name: string;
  readonly dataType: DataType;
  readonly opType: OpType;
  readonly slot: number;
  /** The declared categories (valid Values) of a categorical or ordinal field, in order. */
  readonly categories?: readonly Value[];
  /** Display values of the categories, where the document gives them. */
  readonly displayValues?: ReadonlyMap<Value, string>;
  /** Continuous fields: the declared intervals (used by some normalisations). */
  readonly origin: 'data' | 'derived' | 'output' | 'mining';
}

/**
 * The fields a model element can see: its own (mining fields with their treatments, local
 * derived fields, outputs of earlier chain segments) over those of the enclosing model.
 * Lookups fall back to the enclosing scope, as JPMML does for producers that leave a used
 * field out of a nested MiningSchema.
 */
export class FieldScope {
  private readonly fields = new Map<string, FieldInfo>();

  constructor(
    readonly layout: SlotLayout,
    readonly parent?: FieldScope,
  ) {}

  lookup(name: string): FieldInfo | undefined {
    return this.fields.get(name) ?? this.parent?.lookup(name);
  }

  resolve(name: string, where: string): FieldInfo {
    const field = this.lookup(name);
    if (!field) throw invalidPmml(`${where}: the field "${name}" is not defined.`);
    this.layout.noteUse(field.slot);
    return field;
  }

  /** Whether the name is defined in this scope itself, not an enclosing one. */
  definesOwn(name: string): boolean {
    return this.fields.has(name);
  }

  define(field: FieldInfo): FieldInfo {
    this.fields.set(field.name, field);
    return field;
  }

  child(): FieldScope {
    return new FieldScope(this.layout, this);
  }
}
