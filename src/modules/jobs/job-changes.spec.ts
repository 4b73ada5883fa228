import { Logger } from '@nestjs/common';
import { type JobChange, JobChanges } from './job-changes';

describe('JobChanges', () => {
  afterEach(() => jest.restoreAllMocks());

  it('tells every listener of each change, in the order they subscribed', () => {
    const changes = new JobChanges();
    const heard: string[] = [];
    changes.subscribe((change) => heard.push(`first ${change.kind}`));
    changes.subscribe((change) => heard.push(`second ${change.kind}`));

    changes.notify({ kind: 'deleted', jobId: 4 });
    changes.notify({ kind: 'cleared' });

    expect(heard).toEqual(['first deleted', 'second deleted', 'first cleared', 'second cleared']);
  });

  it('logs a failing listener and still tells the others, without throwing to the writer', () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const changes = new JobChanges();
    const heard: JobChange[] = [];
    changes.subscribe(() => {
      throw new Error('listener broke');
    });
    changes.subscribe((change) => heard.push(change));

    expect(() => changes.notify({ kind: 'deleted', jobId: 4 })).not.toThrow();
    expect(heard).toEqual([{ kind: 'deleted', jobId: 4 }]);
    expect(errors).toHaveBeenCalledTimes(1);
  });
});
