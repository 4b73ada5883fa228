import { Inject, Injectable } from '@nestjs/common';
import type { CompiledPmml } from '@scorecast/pmml';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';

const key = (name: string, version: number): string => `${name}\u0000${version}`;

/**
 * Compiled models by name and version, bounded by the size of their PMML text (a compiled
 * model takes about a third of it; see docs/pmml.md). Versions never change, so a replica
 * that reads the current version from the database before using the cache never scores
 * with a stale model, whichever replica changed it.
 */
@Injectable()
export class CompiledModelCache {
  private readonly models: LRUCache<string, CompiledPmml>;
  private readonly loading = new Map<string, Promise<CompiledPmml>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.models = new LRUCache<string, CompiledPmml>({
      maxSize: config.models.cacheBytes,
      sizeCalculation: (model) => Math.max(1, model.description.sourceLength),
    });
  }

  /** The compiled model of a version, compiling it with `load` once if it is not cached. */
  async get(
    name: string,
    version: number,
    load: () => Promise<CompiledPmml>,
  ): Promise<CompiledPmml> {
    const id = key(name, version);
    const cached = this.models.get(id);
    if (cached) return cached;
    let pending = this.loading.get(id);
    if (!pending) {
      pending = load().finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    const model = await pending;
    this.models.set(id, model);
    return model;
  }

  /** Drops every cached version of a model (deleted, deactivated or replaced). */
  forget(name: string): void {
    const prefix = `${name}\u0000`;
    for (const id of [...this.models.keys()]) if (id.startsWith(prefix)) this.models.delete(id);
  }

  forgetAll(): void {
    this.models.clear();
  }
}
