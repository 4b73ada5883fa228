import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { compilePmml } from '@scorecast/pmml';
import { groupsRows } from './score-file';
import { type HelperMessage, type HelperTask, scoreClaimedChunks } from './score-in-parallel';

// A helper thread of the score command (see score-in-parallel.ts): compiles the model and
// scores chunks until none is left. A model whose records span rows is left to the main thread.
const task = workerData as HelperTask;
// A chunk's bytes are handed over, not copied.
const post = (message: HelperMessage): void =>
  parentPort?.postMessage(message, 'chunk' in message ? [message.scored.bytes.buffer] : []);
const model = compilePmml(readFileSync(task.modelPath, 'utf8'));
if (!groupsRows(model)) {
  scoreClaimedChunks(model, task, task.helper, (chunk, scored) => post({ chunk, scored }));
}
post({ finished: true });
