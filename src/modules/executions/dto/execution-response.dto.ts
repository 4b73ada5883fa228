import { ApiProperty } from '@nestjs/swagger';
import type { PageStatisticsDto } from '../../../core/http/page-statistics.dto';
import { EXECUTION_STATUSES } from '../execution-status';
import type { ExecutionAccepted, InferencesPage } from '../executions.service';
import type { ExecutionLogView, ExecutionStatusView, ExecutionView } from '../execution-views';
import type { LogValue } from '../execution-log.entity';
import type { DeviceInferences, ModelRecords } from '../inference-page';

const STATUS = {
  enum: [...EXECUTION_STATUSES],
  example: 'Success',
};

export class ExecutionStatusResponseDto implements ExecutionStatusView {
  @ApiProperty({
    description:
      'The running (else queued) execution’s status, else the status of the execution that ended last; `NotExecuted` for a job that never ran.',
    enum: [...EXECUTION_STATUSES, 'NotExecuted'],
    example: 'Success',
  })
  jobExecutionStatus!: string;

  /** Milliseconds, as text; the time so far while Running, "0" when not executed. @example 8930 */
  jobExecutionDuration!: string;
}

export class ExecutionResponseDto implements ExecutionView {
  /** @example 15896925 */
  jobId!: number;

  /** @example 1 */
  jobExecutionNumber!: number;

  /** Whether groupOrDeviceId named a group; false until the run has looked it up. @example true */
  isExecutionForDeviceGroup!: boolean;

  /** UTC, milliseconds only when not zero (as Java writes instants); null while Queued. @example 2020-02-27T14:24:00Z */
  jobExecutionStartTime!: string | null;

  /** UTC; null until it ends. @example 2020-02-27T14:24:08.930Z */
  jobExecutionEndTime!: string | null;

  /** Milliseconds, as text; the time so far while Running. @example 8930 */
  jobExecutionDuration!: string;

  @ApiProperty(STATUS)
  jobExecutionStatus!: string;

  @ApiProperty({
    description: 'What went wrong or was off: one text per device or model, empty on Success.',
    type: [String],
    example: [],
  })
  jobExecutionStatusMessage!: string[];

  @ApiProperty({
    description: 'Extension: what made the execution.',
    enum: ['schedule', 'misfire', 'manual', 'retry'],
    example: 'schedule',
  })
  trigger!: string;

  /** Extension: the fire it is for (UTC); for a manual run or retry, when it was asked for. @example 2020-02-27T14:24:00.000Z */
  scheduledFireTime!: string;

  /** Extension: start of the data window read (UTC, included). @example 2020-02-26T12:30:00.000Z */
  dataFrom!: string;

  /** Extension: end of the data window (UTC; included for once jobs, excluded for periodic ones). @example 2020-02-27T12:30:00.000Z */
  dataTo!: string;

  /** Extension: records scored, once per model that scored them. @example 14000 */
  recordsScored!: number;

  /** Extension: for a retry, the number of the execution it retries; else null. @example null */
  retryOf!: number | null;
}

export class ExecutionHistoryPageResponseDto {
  /** @example /service/zementis/job/15896925/history?pageSize=5&currentPage=2 */
  next!: string | null;

  /** @example null */
  prev!: string | null;

  statistics!: PageStatisticsDto;

  /** Newest first. */
  jobExecutions!: ExecutionResponseDto[];
}

export class ModelRecordsResponseDto implements ModelRecords {
  @ApiProperty({
    description:
      'Every output field of the model as an array (null where a record could not be scored), then `timestamp_<jobId>`: the records’ times.',
    type: 'object',
    additionalProperties: { type: 'array', items: {} },
    example: {
      normalizedAnomalyScore: [0.30919784638525916, 0.5981812541231656],
      outlier: [false, true],
      timestamp_15896925: ['2020-02-27T10:05:23.664Z', '2020-02-27T10:05:23.896Z'],
    },
  })
  outputRecords!: Record<string, unknown[]>;

  /** @example IsolationForest */
  modelName!: string;
}

export class DeviceInferencesResponseDto implements DeviceInferences {
  /** One entry per model, in the job's order. */
  recordCollection!: ModelRecordsResponseDto[];

  /** @example 103030 */
  deviceId!: number;

  /** Records of the device on this page, at most 2000. @example 2000 */
  recordSize!: number;
}

export class InferenceStatisticsResponseDto {
  /** @example 1 */
  currentPage!: number;

  /** Pages of the device with the most records; null unless withTotalPages=true. @example null */
  totalPages!: number | null;

  /** Devices with stored inferences. @example 2 */
  numberOfDevices!: number;

  /** Models with stored inferences. @example 4 */
  numberOfModels!: number;
}

export class InferencesPageResponseDto implements InferencesPage {
  /** @example /service/zementis/job/15896925/history/1/inferences?currentPage=2 */
  next!: string | null;

  /** @example null */
  prev!: string | null;

  statistics!: InferenceStatisticsResponseDto;

  /** The page's block of up to 2000 records of each device, in the order the devices were found. */
  inferenceCollection!: DeviceInferencesResponseDto[];
}

export class ExecutionLogResponseDto implements ExecutionLogView {
  /** @example 1 */
  sequence!: number;

  /** UTC. @example 2020-02-27T14:24:00.012Z */
  time!: string;

  @ApiProperty({ enum: ['info', 'warn', 'error'], example: 'info' })
  level!: string;

  /** @example Execution started */
  message!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { attempt: 1, trigger: 'schedule' },
  })
  details!: Record<string, LogValue>;
}

export class ExecutionLogsPageResponseDto {
  /** @example /service/zementis/job/15896925/history/1/logs?pageSize=100&currentPage=2 */
  next!: string | null;

  /** @example null */
  prev!: string | null;

  statistics!: PageStatisticsDto;

  /** Oldest first. */
  logs!: ExecutionLogResponseDto[];
}

export class ExecutionAcceptedResponseDto implements ExecutionAccepted {
  /** @example 15896925 */
  jobId!: number;

  /** @example 2 */
  jobExecutionNumber!: number;

  /** Its status when the answer was given. @example Queued */
  jobExecutionStatus!: string;
}
