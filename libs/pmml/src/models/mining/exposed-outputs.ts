import type { EvalContext, SlotLayout } from '../../fields/eval-context';
import type { CompiledOutputField } from '../../model/model-types';
import type { Value } from '../../values/value';
import type { CompiledSegment } from './segments';
import type { MultipleModelMethod } from './segmentation-options';

/**
 * The segments whose OutputFields the MiningModel's results include, as JPMML exposes them:
 * for selectFirst the segments up to the first one that is always selected, for modelChain
 * those from the last one that is always selected.
 */
function exposingSegments(
  method: MultipleModelMethod,
  segments: readonly CompiledSegment[],
): readonly CompiledSegment[] {
  if (method === 'selectFirst') {
    const first = segments.findIndex((segment) => segment.predicate === undefined);
    return first < 0 ? segments : segments.slice(0, first + 1);
  }
  if (method === 'modelChain') {
    let last = -1;
    segments.forEach((segment, index) => {
      if (segment.predicate === undefined) last = index;
    });
    return last < 0 ? segments : segments.slice(last);
  }
  return [];
}

/**
 * One result field per exposed output name, in its own slot: after each record it takes the
 * value of the last segment that computed that output (null when none ran), so that outputs
 * of segments that were not selected never show values of an earlier record.
 */
export class ExposedOutputs {
  readonly fields: CompiledOutputField[] = [];
  private readonly sources: number[][] = [];

  constructor(
    method: MultipleModelMethod,
    segments: readonly CompiledSegment[],
    layout: SlotLayout,
  ) {
    const byName = new Map<string, number>();
    for (const segment of exposingSegments(method, segments)) {
      for (const output of segment.model.outputs) {
        const known = byName.get(output.name);
        if (known !== undefined) {
          this.sources[known].push(output.slot);
          continue;
        }
        const slot = layout.allocate();
        byName.set(output.name, this.fields.length);
        this.sources.push([output.slot]);
        this.fields.push({
          ...output,
          slot,
          compute: (_prediction, context) => context.get(slot),
        });
      }
    }
  }

  get isEmpty(): boolean {
    return this.fields.length === 0;
  }

  publish(context: EvalContext): void {
    for (let index = 0; index < this.fields.length; index++) {
      let value: Value = null;
      for (const source of this.sources[index]) {
        if (context.isSet(source)) value = context.get(source);
      }
      context.set(this.fields[index].slot, value);
    }
  }
}
