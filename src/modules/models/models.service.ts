import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { CompiledPmml } from '@scorecast/pmml';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors/domain-errors';
import { CompiledModelCache } from './compiled-model.cache';
import { ModelCompiler } from './model-compiler';
import { ModelGroupsRepository } from './model-groups.repository';
import { fileBaseName, safeName } from './model-names';
import { ModelUsageRegistry } from './model-usage.registry';
import type { ModelVersionEntity } from './model-version.entity';
import type { ModelEntity } from './model.entity';
import { ModelsRepository } from './models.repository';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A model as the API shows it: the current version's description and the model's state. */
export interface ModelInfo {
  model: ModelEntity;
  version: ModelVersionEntity;
}

/** A compiled model ready to score, with the version it was compiled from. */
export interface ActiveModel {
  name: string;
  version: number;
  compiled: CompiledPmml;
}

/** A chunk of records scored column-wise: every result field, and the records that failed. */
export interface ScoredColumns {
  /** Result field → one value per record (null where the record failed), in the model's order. */
  columns: Record<string, (number | string | boolean | null)[]>;
  failedRecords: number;
  /** The first failed record's reason. */
  firstError: string | undefined;
}

export const modelNotFound = (name: string): NotFoundError =>
  new NotFoundError(`Model '${name}' not found.`);

/** Uploading, versioning, activating and deleting models, and compiling them for scoring. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly models: ModelsRepository,
    private readonly groups: ModelGroupsRepository,
    private readonly compiler: ModelCompiler,
    private readonly cache: CompiledModelCache,
    private readonly usage: ModelUsageRegistry,
  ) {}

  listNames(): Promise<string[]> {
    return this.models.listNames();
  }

  async info(name: string): Promise<ModelInfo> {
    const model = await this.requireModel(name);
    return { model, version: await this.requireVersion(name, model.currentVersion) };
  }

  async versions(name: string): Promise<ModelVersionEntity[]> {
    await this.requireModel(name);
    return this.models.listVersions(name);
  }

  /** The PMML text of the current version, or of `version`. */
  async source(name: string, version?: number): Promise<string> {
    const model = await this.requireModel(name);
    const wanted = version ?? model.currentVersion;
    const source = await this.models.findSource(name, wanted);
    if (!source) throw new NotFoundError(`Model '${name}' has no version ${wanted}.`);
    return (await gunzipAsync(source)).toString('utf8');
  }

  /**
   * Stores an uploaded PMML document as a new, active model named after its modelName (else
   * the file name). Nothing is stored when the engine cannot compile it.
   */
  async upload(
    document: Buffer,
    fileName: string | undefined,
    uploadedBy: string,
  ): Promise<ModelInfo> {
    const text = document.toString('utf8');
    const compiled = this.compiler.compile(text);
    const givenName = compiled.description.modelName ?? (fileName ? fileBaseName(fileName) : '');
    const name = safeName(givenName);
    if (name === '') {
      throw new ValidationError(
        'The model has no name: give its model element a modelName, or upload it as a named file.',
      );
    }
    // Jobs name a model or a group with one field, so the two share one namespace.
    if (await this.groups.findByName(name)) {
      throw new ConflictError(
        `A model group with the name '${name}' already exists; a model cannot take its name.`,
      );
    }
    const now = new Date();
    const model: ModelEntity = {
      name,
      isActive: true,
      currentVersion: 1,
      groupName: '',
      createdBy: uploadedBy,
      createdAt: now,
      updatedAt: now,
    };
    const version = this.newVersion(name, 1, document, compiled, uploadedBy, now);
    if (!(await this.models.insertModel(model, version, await gzipAsync(document)))) {
      throw new ConflictError(`A model with the name '${name}' already exists.`);
    }
    return { model, version };
  }

  /**
   * Replaces a model's source with a new version (the name stays). Older versions stay
   * readable, and whoever holds a compiled older version finishes with it.
   */
  async replace(name: string, document: Buffer, uploadedBy: string): Promise<ModelInfo> {
    const model = await this.requireModel(name);
    const compiled = this.compiler.compile(document.toString('utf8'));
    const members = model.groupName ? await this.groupMembersBesides(model) : [];
    const inputs = this.compiler.inputFields(compiled);
    if (members.some((member) => !sameInputs(member.inputFields, inputs))) {
      throw new ValidationError(
        `The new version of model '${name}' takes other inputs than the other models of group '${model.groupName}'.`,
      );
    }
    const now = new Date();
    const next = model.currentVersion + 1;
    const version = this.newVersion(name, next, document, compiled, uploadedBy, now);
    if (!(await this.models.addVersion(version, await gzipAsync(document), model.currentVersion))) {
      throw new ConflictError(`Model '${name}' was changed meanwhile; send the new version again.`);
    }
    this.cache.forget(name);
    return { model: { ...model, currentVersion: next, updatedAt: now }, version };
  }

  async setActive(name: string, isActive: boolean): Promise<ModelInfo> {
    if (!(await this.models.setActive(name, isActive, new Date()))) throw modelNotFound(name);
    if (!isActive) this.cache.forget(name);
    return this.info(name);
  }

  /** Deletes a model no job uses and no group holds; returns the remaining names. */
  async delete(name: string): Promise<string[]> {
    const model = await this.requireModel(name);
    await this.usage.refuseIfUsed([name]);
    if (model.groupName !== '' || !(await this.models.deleteUngrouped(name))) {
      const current = await this.models.findByName(name);
      throw new ConflictError(
        `Model '${name}' belongs to model group '${current?.groupName ?? model.groupName}'; remove it from the group first.`,
      );
    }
    this.cache.forget(name);
    return this.models.listNames();
  }

  /** Deletes every model and model group, unless a job uses one of them. */
  async deleteAll(): Promise<string[]> {
    const [models, groups] = await Promise.all([this.models.listNames(), this.groups.listNames()]);
    await this.usage.refuseIfUsed([...models, ...groups]);
    await this.models.deleteAll();
    this.cache.forgetAll();
    return [];
  }

  /**
   * The compiled current version of an active model, for scoring. Reads the model's state
   * from the database each time, so a change made by another replica counts at once.
   */
  async activeModel(name: string): Promise<ActiveModel> {
    const model = await this.requireModel(name);
    if (!model.isActive) {
      throw new ConflictError(`Model '${name}' is not active; activate it before applying it.`);
    }
    return this.compiledVersion(name, model.currentVersion);
  }

  /** A version compiled (from the cache when it is there). */
  async compiledVersion(name: string, version: number): Promise<ActiveModel> {
    const compiled = await this.cache.get(name, version, async () => {
      const source = await this.models.findSource(name, version);
      if (!source) throw new NotFoundError(`Model '${name}' has no version ${version}.`);
      return this.compiler.compile((await gunzipAsync(source)).toString('utf8'));
    });
    return { name, version, compiled };
  }

  /**
   * Scores records given column-wise (input name → values, `rowCount` long) with a version,
   * compiled once through the cache; a record that cannot be scored does not stop the others.
   */
  async scoreColumns(
    model: Pick<ActiveModel, 'name' | 'version'>,
    columns: Readonly<Record<string, ArrayLike<unknown>>>,
    rowCount: number,
  ): Promise<ScoredColumns> {
    const { compiled } = await this.compiledVersion(model.name, model.version);
    const scored = compiled.scoreColumns(columns, rowCount);
    let failedRecords = 0;
    let firstError: string | undefined;
    for (const error of scored.errors) {
      if (error === null) continue;
      failedRecords++;
      firstError ??= error.message;
    }
    return { columns: scored.columns, failedRecords, firstError };
  }

  private async groupMembersBesides(model: ModelEntity): Promise<ModelVersionEntity[]> {
    const group = (await this.models.findGroupMembers(model.groupName)).filter(
      (member) => member.name !== model.name,
    );
    return this.models.findVersions(
      group.map((member) => ({ name: member.name, version: member.currentVersion })),
    );
  }

  private async requireModel(name: string): Promise<ModelEntity> {
    const model = await this.models.findByName(name);
    if (!model) throw modelNotFound(name);
    return model;
  }

  private async requireVersion(name: string, version: number): Promise<ModelVersionEntity> {
    const summary = await this.models.findVersion(name, version);
    if (!summary) throw modelNotFound(name);
    return summary;
  }

  private newVersion(
    name: string,
    version: number,
    document: Buffer,
    compiled: CompiledPmml,
    uploadedBy: string,
    at: Date,
  ): ModelVersionEntity {
    return {
      modelName: name,
      version,
      sha256: createHash('sha256').update(document).digest('hex'),
      sizeBytes: document.length,
      modelType: compiled.description.modelType,
      functionName: compiled.description.functionName,
      description: compiled.description.headerDescription ?? '',
      inputFields: this.compiler.inputFields(compiled),
      outputFields: this.compiler.outputFields(compiled),
      uploadedBy,
      createdAt: at,
    };
  }
}

/** Whether two models take the same inputs: the same names with the same types, in any order. */
export function sameInputs(
  a: readonly { name: string; type: string }[],
  b: readonly { name: string; type: string }[],
): boolean {
  const signature = (fields: readonly { name: string; type: string }[]): string =>
    fields
      .map((field) => `${field.name}\u0000${field.type}`)
      .sort()
      .join('\u0001');
  return signature(a) === signature(b);
}
