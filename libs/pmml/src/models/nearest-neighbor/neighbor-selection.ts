/**
 * Puts the indices of the `order.length` best affinities into `order`, best first; equal
 * affinities keep row order (as JPMML's stable sort of every instance). Returns how many were
 * selected (fewer when there are fewer rows). Runs in O(rows × selected) without allocating.
 */
export function selectBest(
  affinities: Float64Array,
  better: (a: number, b: number) => boolean,
  order: Int32Array,
): number {
  const capacity = order.length;
  let size = 0;
  for (let row = 0; row < affinities.length; row++) {
    const affinity = affinities[row];
    if (size === capacity && !better(affinity, affinities[order[size - 1]])) continue;
    let position = size < capacity ? size : capacity - 1;
    while (position > 0 && better(affinity, affinities[order[position - 1]])) {
      order[position] = order[position - 1];
      position--;
    }
    order[position] = row;
    if (size < capacity) size++;
  }
  return size;
}
