import { ApiProperty } from '@nestjs/swagger';
import type { PageStatisticsDto } from '../../../core/http/page-statistics.dto';
import type { JobScheduleView, JobStatus, JobView } from '../job';

export class JobScheduleResponseDto implements JobScheduleView {
  /** @example once */
  frequency!: string;

  /** '' for a once job. @example "" */
  cronExpression!: string;

  /** A once job answers with the server's zone unless it was given one. @example Asia/Kolkata */
  timeZone!: string;

  /** 0 for a once job. @example 0 */
  dataFromPreviousNSeconds!: number;

  /** UTC; '' for a periodic job. @example 2020-03-18T17:42:00.000Z */
  scheduleAt!: string;

  /** UTC; '' for a periodic job. @example 2020-02-26T10:20:00.000Z */
  dataFrom!: string;

  /** UTC; '' for a periodic job. @example 2020-02-27T10:20:00.000Z */
  dataTo!: string;
}

export class JobResponseDto implements JobView {
  /** @example 15898918 */
  jobId!: number;

  /** Unsafe characters became underscores. @example ActivityDetectionJob */
  jobName!: string;

  // Written by hand: the plugin drops this example (the same TSDoc works in the request DTO).
  @ApiProperty({
    description: 'Unsafe characters became underscores; empty when none was given.',
    example: 'Detect activities',
  })
  jobDescription!: string;

  /** UTC, with milliseconds. @example 2020-03-18T17:41:25.901Z */
  jobCreationDate!: string;

  /** @example DecisionTreeClassifier */
  modelOrGroup!: string;

  /** @example false */
  applyAllModels!: boolean;

  /** @example 15889549 */
  groupOrDeviceId!: number;

  @ApiProperty({
    description: 'Model input → measurement series, in the order the client gave them.',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: {
      accelerationY: 'c8y_Acceleration.accelerationY.value',
      accelerationX: 'c8y_Acceleration.accelerationX.value',
      accelerationZ: 'c8y_Acceleration.accelerationZ.value',
    },
  })
  modelToDeviceMappings!: Record<string, string>;

  jobSchedule!: JobScheduleResponseDto;

  @ApiProperty({
    description: 'Extension: `Inactive` while paused (POST /job/{id}/pause), else `Active`.',
    enum: ['Active', 'Inactive'],
    example: 'Active',
  })
  jobStatus!: JobStatus;

  /** Extension: who created the job. @example alice */
  createdBy!: string;

  /** Extension: when the job was last changed (UTC). @example 2020-03-18T17:41:25.901Z */
  updatedAt!: string;

  /** Extension: executions to keep; null: the service's default. @example null */
  keepExecutions!: number | null;

  /** Extension: days to keep executions; null: the service's default. @example null */
  retentionDays!: number | null;
}

export class JobsPageResponseDto {
  /** The next page, or null on the last one. @example /service/zementis/jobs?pageSize=5&currentPage=2 */
  next!: string | null;

  /** The previous page, or null on the first one. @example null */
  prev!: string | null;

  statistics!: PageStatisticsDto;

  /** Newest first unless `sort` says otherwise. */
  jobs!: JobResponseDto[];
}
