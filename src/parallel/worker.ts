/**
 * A counting thread: for each task, opens its part of the input and counts it into group
 * statistics (unvalidated: only the merged statistics of all parts can be judged), then posts them
 * back, moving their buffers rather than copying them.
 */
import { parentPort } from 'node:worker_threads';
import { countPart } from './count-part.js';
import { transferList, type CountTask } from './messages.js';

const port = parentPort;
if (port) {
  port.on('message', (task: CountTask) => {
    void countPart(task).then((answer) => port.postMessage(answer, answer.ok ? transferList(answer.stats) : []));
  });
}
