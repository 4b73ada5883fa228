import { RequestSemaphore } from './request-semaphore';

/** A task that runs until `finish()` is called, recording when it starts. */
function controllableTask(started: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    run: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
    fail: (error: Error) => fail(error),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestSemaphore', () => {
  it('runs no more tasks at once than its limit and starts waiting ones in arrival order', async () => {
    const semaphore = new RequestSemaphore(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => controllableTask(started, name));
    const runs = tasks.map((task) => semaphore.run(task.run));
    await settle();
    expect(started).toEqual(['a', 'b']);

    tasks[1].finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);

    tasks[0].finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);

    tasks[2].finish();
    tasks[3].finish();
    await Promise.all(runs);
  });

  it('frees the slot of a task that fails and passes its error on', async () => {
    const semaphore = new RequestSemaphore(1);
    const started: string[] = [];
    const failing = controllableTask(started, 'failing');
    const next = controllableTask(started, 'next');
    const failed = semaphore.run(failing.run);
    const following = semaphore.run(next.run);
    failing.fail(new Error('boom'));
    await expect(failed).rejects.toThrow('boom');
    await settle();
    expect(started).toEqual(['failing', 'next']);
    next.finish();
    await following;
  });

  it('returns what the task returns', async () => {
    await expect(new RequestSemaphore(1).run(() => Promise.resolve(42))).resolves.toBe(42);
  });
});
