import { NotFoundError } from '../../core/errors/domain-errors';
import type { JobDefinition } from './job-request';
import type { JobSchedule } from './job-schedule';
import type { JobEntity } from './job.entity';

export const JOB_STATUSES = ['Active', 'Inactive'] as const;
/** `Inactive`: paused, it does not fire until resumed. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** How long a job's executions are kept; null: the service's default. */
export interface JobRetention {
  keepExecutions: number | null;
  retentionDays: number | null;
}

/** A stored job: what the client defined, and its state. */
export interface Job {
  jobId: number;
  definition: JobDefinition;
  /** A periodic job's zone; for a once job the one the client gave, else the server's then. */
  timeZone: string;
  jobStatus: JobStatus;
  createdBy: string;
  jobCreationDate: Date;
  updatedAt: Date;
  retention: JobRetention;
}

/** A job's jobSchedule as the API answers it: every field, '' or 0 where the frequency has none. */
export interface JobScheduleView {
  frequency: string;
  cronExpression: string;
  timeZone: string;
  dataFromPreviousNSeconds: number;
  scheduleAt: string;
  dataFrom: string;
  dataTo: string;
}

/** A job as the API answers it: the Zementis fields in their order, then the extensions. */
export interface JobView {
  jobId: number;
  jobName: string;
  jobDescription: string;
  jobCreationDate: string;
  modelOrGroup: string;
  applyAllModels: boolean;
  groupOrDeviceId: number;
  modelToDeviceMappings: Record<string, string>;
  jobSchedule: JobScheduleView;
  jobStatus: JobStatus;
  createdBy: string;
  updatedAt: string;
  keepExecutions: number | null;
  retentionDays: number | null;
}

/** The stored columns of a job's definition, schedule, zone and retention. */
export type JobDefinitionColumns = Omit<
  JobEntity,
  'id' | 'jobStatus' | 'createdBy' | 'createdAt' | 'updatedAt'
>;

export const jobNotFound = (id: string): NotFoundError =>
  new NotFoundError(`Zementis job ID '${id}' not found.`);

// The largest id an integer column holds on both dialects.
const MAX_JOB_ID = 2_147_483_647;

/** The id in a path, or undefined when it cannot name a job (so: not found). */
export function parseJobId(text: string): number | undefined {
  const id = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  return id >= 1 && id <= MAX_JOB_ID ? id : undefined;
}

export function definitionColumns(
  definition: JobDefinition,
  timeZone: string,
  retention: JobRetention,
): JobDefinitionColumns {
  const schedule = definition.jobSchedule;
  const once = schedule.frequency === 'once' ? schedule : undefined;
  const periodic = schedule.frequency === 'periodic' ? schedule : undefined;
  return {
    jobName: definition.jobName,
    jobDescription: definition.jobDescription,
    groupOrDeviceId: definition.groupOrDeviceId,
    modelOrGroup: definition.modelOrGroup,
    applyAllModels: definition.applyAllModels,
    modelToDeviceMappings: definition.modelToDeviceMappings,
    frequency: schedule.frequency,
    cronExpression: periodic?.cronExpression ?? '',
    dataFromPreviousNSeconds: periodic?.dataFromPreviousNSeconds ?? 0,
    timeZone,
    scheduleAt: once?.scheduleAt.toISOString() ?? '',
    dataFrom: once?.dataFrom.toISOString() ?? '',
    dataTo: once?.dataTo.toISOString() ?? '',
    keepExecutions: retention.keepExecutions ?? 0,
    retentionDays: retention.retentionDays ?? 0,
  };
}

function scheduleOf(entity: JobEntity): JobSchedule {
  if (entity.frequency === 'periodic') {
    return {
      frequency: 'periodic',
      cronExpression: entity.cronExpression,
      dataFromPreviousNSeconds: entity.dataFromPreviousNSeconds,
      timeZone: entity.timeZone,
    };
  }
  return {
    frequency: 'once',
    scheduleAt: new Date(entity.scheduleAt),
    dataFrom: new Date(entity.dataFrom),
    dataTo: new Date(entity.dataTo),
  };
}

export function jobFromEntity(entity: JobEntity): Job {
  return {
    jobId: entity.id,
    definition: {
      jobName: entity.jobName,
      jobDescription: entity.jobDescription,
      groupOrDeviceId: entity.groupOrDeviceId,
      modelOrGroup: entity.modelOrGroup,
      applyAllModels: entity.applyAllModels,
      modelToDeviceMappings: entity.modelToDeviceMappings,
      jobSchedule: scheduleOf(entity),
    },
    timeZone: entity.timeZone,
    jobStatus: entity.jobStatus === 'Inactive' ? 'Inactive' : 'Active',
    createdBy: entity.createdBy,
    jobCreationDate: entity.createdAt,
    updatedAt: entity.updatedAt,
    retention: {
      keepExecutions: entity.keepExecutions === 0 ? null : entity.keepExecutions,
      retentionDays: entity.retentionDays === 0 ? null : entity.retentionDays,
    },
  };
}

function scheduleView(schedule: JobSchedule, timeZone: string): JobScheduleView {
  if (schedule.frequency === 'periodic') {
    return {
      frequency: 'periodic',
      cronExpression: schedule.cronExpression,
      timeZone,
      dataFromPreviousNSeconds: schedule.dataFromPreviousNSeconds,
      scheduleAt: '',
      dataFrom: '',
      dataTo: '',
    };
  }
  return {
    frequency: 'once',
    cronExpression: '',
    timeZone,
    dataFromPreviousNSeconds: 0,
    scheduleAt: schedule.scheduleAt.toISOString(),
    dataFrom: schedule.dataFrom.toISOString(),
    dataTo: schedule.dataTo.toISOString(),
  };
}

export function jobView(job: Job): JobView {
  const { definition } = job;
  return {
    jobId: job.jobId,
    jobName: definition.jobName,
    jobDescription: definition.jobDescription,
    jobCreationDate: job.jobCreationDate.toISOString(),
    modelOrGroup: definition.modelOrGroup,
    applyAllModels: definition.applyAllModels,
    groupOrDeviceId: definition.groupOrDeviceId,
    modelToDeviceMappings: definition.modelToDeviceMappings,
    jobSchedule: scheduleView(definition.jobSchedule, job.timeZone),
    jobStatus: job.jobStatus,
    createdBy: job.createdBy,
    updatedAt: job.updatedAt.toISOString(),
    keepExecutions: job.retention.keepExecutions,
    retentionDays: job.retention.retentionDays,
  };
}
