import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '../../core/errors/domain-errors';
import { DEVICE_DATA_SOURCE, type DeviceDataSource } from '../devices/device-data-source';
import { ModelGroupsService, type ModelGroupView } from '../models/model-groups.service';
import { type ModelInfo, ModelsService } from '../models/models.service';
import { cronProblem } from './cron-problem';
import type { JobLookups, ModelTarget } from './job-request';

// The lookups' own "not there" is a NotFoundError; anything else (a database or tenant that
// does not answer) must reach the client as what it is.
async function unlessNotFound<T>(lookup: Promise<T>): Promise<T | undefined> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

// What the engine compiled from the current version (stored with it, so nothing is compiled
// here): the inputs a job must map.
const activeInputs = (info: ModelInfo): string[] =>
  info.version.inputFields.filter((field) => field.usage === 'active').map((field) => field.name);

/** Checks a job's model or group and device against the models module and the data source. */
@Injectable()
export class ModelAndDeviceLookups implements JobLookups {
  readonly cronProblem = cronProblem;

  constructor(
    private readonly models: ModelsService,
    private readonly groups: ModelGroupsService,
    @Inject(DEVICE_DATA_SOURCE) private readonly devices: DeviceDataSource,
  ) {}

  async modelTarget(
    modelOrGroup: string,
    applyAllModels: boolean,
  ): Promise<ModelTarget | undefined> {
    const model = await unlessNotFound(this.models.info(modelOrGroup));
    if (model) {
      return {
        models: [{ name: model.model.name, isActive: model.model.isActive }],
        inputs: activeInputs(model),
      };
    }
    const group = await unlessNotFound(this.groups.get(modelOrGroup));
    return group ? this.groupTarget(group, applyAllModels) : undefined;
  }

  async deviceOrGroupExists(id: number): Promise<boolean> {
    return (await unlessNotFound(this.devices.resolve(id))) !== undefined;
  }

  // A group scores with its primary model, or with every member under applyAllModels; the
  // members take the same inputs, so the primary model's are the group's.
  private async groupTarget(group: ModelGroupView, applyAllModels: boolean): Promise<ModelTarget> {
    const names = applyAllModels ? group.models : [group.primaryModel];
    const infos = await Promise.all(names.map((name) => this.models.info(name)));
    const primary =
      infos.find((info) => info.model.name === group.primaryModel) ??
      (await this.models.info(group.primaryModel));
    return {
      models: infos.map((info) => ({ name: info.model.name, isActive: info.model.isActive })),
      inputs: activeInputs(primary),
    };
  }
}
