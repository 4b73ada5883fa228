import { ApiProperty } from '@nestjs/swagger';

// For the OpenAPI document only: the body reaches the service as it came and is read by
// readJobRequest, which reports every problem together (the validation pipe would not).

export class JobScheduleRequestDto {
  /** `once` or `periodic`. @example once */
  frequency!: string;

  /** periodic: a Quartz cron expression with 6 or 7 fields. @example 0 0/15 * * * ? */
  cronExpression?: string;

  /** periodic: the seconds before each fire whose data is scored, 1 to 86400. @example 900 */
  dataFromPreviousNSeconds?: number;

  /**
   * periodic: an IANA time zone (legacy aliases such as Asia/Calcutta are kept as sent). A once
   * job may give one too; it answers with the server's zone otherwise.
   * @example Europe/Berlin
   */
  timeZone?: string;

  /** once: when to run, in the future; yyyy-MM-dd'T'HH:mm:ss.SSSXXX. @example 2020-03-18T17:42:00.000Z */
  scheduleAt?: string;

  /** once: start of the data, not in the future. @example 2020-02-26T10:20:00.000Z */
  dataFrom?: string;

  /** once: end of the data, after dataFrom, at most 24 hours later. @example 2020-02-27T10:20:00.000Z */
  dataTo?: string;
}

export class JobRequestDto {
  /** Required; unsafe characters become underscores (see docs/jobs.md). @example ActivityDetectionJob */
  jobName!: string;

  /** Unsafe characters become underscores. @example Detect activities */
  jobDescription?: string;

  /** A device or device group (older clients: associatedGroupOrDeviceId). @example 15889549 */
  groupOrDeviceId!: number;

  /** An active model, or a model group (older clients: associatedModel). @example DecisionTreeClassifier */
  modelOrGroup!: string;

  /** For a group: score with every member, not only the primary model (older clients: applyToAllModels). @example false */
  applyAllModels?: boolean;

  @ApiProperty({
    description:
      'Every active input of the model → the measurement series it reads, written `fragment.series.value`. The answer keeps this order.',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: {
      accelerationY: 'c8y_Acceleration.accelerationY.value',
      accelerationX: 'c8y_Acceleration.accelerationX.value',
      accelerationZ: 'c8y_Acceleration.accelerationZ.value',
    },
  })
  modelToDeviceMappings!: Record<string, string>;

  jobSchedule!: JobScheduleRequestDto;

  /** Extension: executions of this job to keep (1 to 100000); null or absent: the service's default. @example 100 */
  keepExecutions?: number | null;

  /** Extension: days to keep this job's executions (1 to 3650); null or absent: the service's default. @example 30 */
  retentionDays?: number | null;
}
