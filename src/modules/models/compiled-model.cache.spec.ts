import type { CompiledPmml } from '@scorecast/pmml';
import type { AppConfig } from '../../core/config/app-config';
import { CompiledModelCache } from './compiled-model.cache';

function fakeModel(sourceLength: number): CompiledPmml {
  return { description: { sourceLength } } as CompiledPmml;
}

function cacheOf(cacheBytes: number): CompiledModelCache {
  return new CompiledModelCache({
    models: { cacheBytes, uploadLimitBytes: 1, applyBodyLimitBytes: 1 },
  } as AppConfig);
}

describe('CompiledModelCache', () => {
  it('compiles a version once and then serves it from memory', async () => {
    const cache = cacheOf(1000);
    const load = jest.fn(() => Promise.resolve(fakeModel(10)));
    const first = await cache.get('a', 1, load);
    expect(await cache.get('a', 1, load)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('compiles once for concurrent requests of the same version', async () => {
    const cache = cacheOf(1000);
    const load = jest.fn(() => Promise.resolve(fakeModel(10)));
    const [a, b] = await Promise.all([cache.get('a', 1, load), cache.get('a', 1, load)]);
    expect(a).toBe(b);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps versions apart', async () => {
    const cache = cacheOf(1000);
    const one = await cache.get('a', 1, () => Promise.resolve(fakeModel(10)));
    const two = await cache.get('a', 2, () => Promise.resolve(fakeModel(10)));
    expect(two).not.toBe(one);
  });

  it('drops the least recently used models beyond its size', async () => {
    const cache = cacheOf(100);
    await cache.get('a', 1, () => Promise.resolve(fakeModel(60)));
    await cache.get('b', 1, () => Promise.resolve(fakeModel(60)));
    const load = jest.fn(() => Promise.resolve(fakeModel(60)));
    await cache.get('a', 1, load);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forgets every version of one model only', async () => {
    const cache = cacheOf(1000);
    await cache.get('a', 1, () => Promise.resolve(fakeModel(10)));
    await cache.get('ab', 1, () => Promise.resolve(fakeModel(10)));
    cache.forget('a');
    const reloadA = jest.fn(() => Promise.resolve(fakeModel(10)));
    const reloadAb = jest.fn(() => Promise.resolve(fakeModel(10)));
    await cache.get('a', 1, reloadA);
    await cache.get('ab', 1, reloadAb);
    expect(reloadA).toHaveBeenCalledTimes(1);
    expect(reloadAb).not.toHaveBeenCalled();
  });

  it('does not keep a failed compilation', async () => {
    const cache = cacheOf(1000);
    await expect(cache.get('a', 1, () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    const model = fakeModel(10);
    expect(await cache.get('a', 1, () => Promise.resolve(model))).toBe(model);
  });
});
