import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { errorEnvelope } from '../../core/errors/error-bodies';
import { ApiPageQuery, pageEnvelope, type PagingDefaults } from '../../core/http/paging';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { CurrentUser, Roles } from '../../core/security/access.decorators';
import { JobRequestDto } from './dto/job-request.dto';
import { JobResponseDto, JobsPageResponseDto } from './dto/job-response.dto';
import { readIdempotencyKey } from './idempotency';
import { JOB_STATUSES, type JobView, jobView } from './job';
import {
  EXECUTION_STATUSES,
  JOB_FREQUENCIES,
  JOB_SORT_FIELDS,
  type JobListQuery,
  readJobListQuery,
} from './job-list-query';
import { JobRunFieldsRegistry } from './job-run-fields.registry';
import { JobsService } from './jobs.service';

const JOBS_PATH = 'jobs';
// Pages of /jobs are counted unless the client says otherwise.
const PAGING: PagingDefaults = { withTotalPages: true };
const FIRST_PAGE: JobListQuery = readJobListQuery({}, PAGING);

const JOB_ID = { name: 'id', description: 'The jobId.', example: '15896925' };
const JOB_NOT_FOUND = {
  description: 'No job has this id (non-numeric ids included).',
  schema: { example: errorEnvelope(["Zementis job ID '00000' not found."]) },
};
const BAD_JOB = {
  description: 'Every problem of the request is listed together.',
  schema: { example: errorEnvelope(['frequency can be either once or periodic.']) },
};
const DEVICE_NOT_FOUND = {
  description:
    'Only when the device or group is the one problem; otherwise it is listed with the others in a 400.',
  schema: {
    example: errorEnvelope(['Device or group with id 123456 does not exist or it is invalid']),
  },
};
const RULES =
  "periodic needs cronExpression (Quartz, 6 or 7 fields), dataFromPreviousNSeconds (1 to 86400) and timeZone (IANA); once needs scheduleAt (in the future), dataFrom and dataTo (yyyy-MM-dd'T'HH:mm:ss.SSSXXX, not in the future, dataFrom before dataTo, at most 24 hours apart). The model (or the group's primary model, or every member with applyAllModels) must be active, and modelToDeviceMappings must map each of its active inputs, and nothing else, to `fragment.series.value`. Unsafe characters in jobName and jobDescription become underscores. Older spellings (associatedGroupOrDeviceId, associatedModel, applyToAllModels) are accepted.";

// Paging first, then the filters and sort in the order the page links carry them.
function ApiJobListQuery(): MethodDecorator {
  const extension = (name: string, description: string, schema: object = { type: 'string' }) =>
    ApiQuery({ name, required: false, description: `Extension: ${description}`, schema });
  return applyDecorators(
    ApiPageQuery(PAGING),
    extension('jobStatus', 'only jobs in this state.', { type: 'string', enum: JOB_STATUSES }),
    extension('name', 'jobs whose name contains this text, regardless of case.'),
    extension('modelOrGroup', 'jobs of exactly this model or group.'),
    extension('groupOrDeviceId', 'jobs of this device or group.', { type: 'integer' }),
    extension('frequency', 'only once or only periodic jobs.', {
      type: 'string',
      enum: JOB_FREQUENCIES,
    }),
    extension(
      'createdFrom',
      'jobs created at or after this date (2026-11-23, UTC midnight) or date-time with offset.',
    ),
    extension(
      'createdTo',
      'jobs created before this date (UTC midnight) or date-time with offset.',
    ),
    extension(
      'lastExecutionStatus',
      'jobs whose newest execution has this status (a job that never ran has none).',
      { type: 'string', enum: EXECUTION_STATUSES },
    ),
    extension(
      'sort',
      `comma-separated fields, '-' before one for descending order; ties go newest first. Fields: ${JOB_SORT_FIELDS.join(', ')}.`,
      { type: 'string', example: 'jobName,-jobCreationDate' },
    ),
  );
}

@ApiTags('Jobs')
@Controller()
export class JobsController {
  private readonly jobsPath: string;

  constructor(
    private readonly jobs: JobsService,
    private readonly runFields: JobRunFieldsRegistry,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.jobsPath = `${config.http.basePath}/${JOBS_PATH}`;
  }

  @ApiOperation({
    summary: 'Create a job',
    description: `${RULES} Extension: an \`Idempotency-Key\` header makes retries safe (see the header).`,
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Extension: up to 255 visible ASCII characters, such as a UUID. A retry by the same caller with the same key and body within 24 hours gets the first answer (201, same body, header `Idempotent-Replayed: true`) and creates nothing; the same key with another body is a 409. Refused requests are not remembered.',
  })
  @ApiBody({ type: JobRequestDto })
  @ApiCreatedResponse({ type: JobResponseDto })
  @ApiBadRequestResponse(BAD_JOB)
  @ApiNotFoundResponse(DEVICE_NOT_FOUND)
  @ApiConflictResponse({
    description: 'Extension: the Idempotency-Key was used before with another request body.',
    schema: {
      example: errorEnvelope([
        "Idempotency-Key '3f1c2a9e-7d41-4c55-9a53-1f0e2b6d8c47' was already used with a different request body; send a new key for a new job.",
      ]),
    },
  })
  @Roles('ADMIN')
  @Post('job')
  async create(
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobResponseDto> {
    const created = await this.jobs.create(body, user, readIdempotencyKey(idempotencyKey));
    response.status(created.status);
    if (created.replayed) response.setHeader('Idempotent-Replayed', 'true');
    // As stored, without the run fields: a retry with the Idempotency-Key replays it exactly.
    return created.body;
  }

  @ApiOperation({
    summary: 'A page of the jobs, newest first',
    description:
      'Extensions: the filters and `sort`; the next and prev links keep them, after pageSize and currentPage.',
  })
  @ApiJobListQuery()
  @ApiOkResponse({ type: JobsPageResponseDto })
  @ApiBadRequestResponse({
    schema: { example: errorEnvelope(["pageSize must be an integer from 1 to 2000; got '0'."]) },
  })
  @Roles('READ')
  @Get(JOBS_PATH)
  list(@Query() query: Record<string, unknown>): Promise<JobsPageResponseDto> {
    return this.page(readJobListQuery(query, PAGING));
  }

  @ApiOperation({ summary: 'A job' })
  @ApiParam(JOB_ID)
  @ApiOkResponse({ type: JobResponseDto })
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @Roles('READ')
  @Get('job/:id')
  async get(@Param('id') id: string): Promise<JobResponseDto> {
    return this.withRunFields(jobView(await this.jobs.get(id)));
  }

  @ApiOperation({
    summary: 'Extension: replace a job’s definition',
    description: `The whole definition, checked as on creation: ${RULES} The id, creation date, creator and status stay; fields only the answers carry (jobId, jobStatus…) are ignored, so a job read with GET can be sent back.`,
  })
  @ApiParam(JOB_ID)
  @ApiBody({ type: JobRequestDto })
  @ApiOkResponse({ type: JobResponseDto })
  @ApiBadRequestResponse(BAD_JOB)
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @Roles('ADMIN')
  @Put('job/:id')
  async update(@Param('id') id: string, @Body() body: unknown): Promise<JobResponseDto> {
    return this.withRunFields(jobView(await this.jobs.update(id, body)));
  }

  @ApiOperation({
    summary: 'Extension: pause a job (jobStatus Inactive)',
    description: 'It does not fire until resumed. Pausing a paused job changes nothing.',
  })
  @ApiParam(JOB_ID)
  @ApiOkResponse({ type: JobResponseDto })
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @Roles('ADMIN')
  @HttpCode(HttpStatus.OK)
  @Post('job/:id/pause')
  async pause(@Param('id') id: string): Promise<JobResponseDto> {
    return this.withRunFields(jobView(await this.jobs.setStatus(id, 'Inactive')));
  }

  @ApiOperation({
    summary: 'Extension: resume a paused job (jobStatus Active)',
    description: 'Resuming an active job changes nothing.',
  })
  @ApiParam(JOB_ID)
  @ApiOkResponse({ type: JobResponseDto })
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @Roles('ADMIN')
  @HttpCode(HttpStatus.OK)
  @Post('job/:id/resume')
  async resume(@Param('id') id: string): Promise<JobResponseDto> {
    return this.withRunFields(jobView(await this.jobs.setStatus(id, 'Active')));
  }

  @ApiOperation({ summary: 'Delete a job; answers with the first page of the remaining jobs' })
  @ApiParam(JOB_ID)
  @ApiOkResponse({ type: JobsPageResponseDto })
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @Roles('ADMIN')
  @HttpCode(HttpStatus.OK)
  @Delete('job/:id')
  async delete(@Param('id') id: string): Promise<JobsPageResponseDto> {
    await this.jobs.delete(id);
    return this.page(FIRST_PAGE);
  }

  @ApiOperation({ summary: 'Delete every job; answers with the (empty) first page' })
  @ApiOkResponse({ type: JobsPageResponseDto })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.OK)
  @Delete(JOBS_PATH)
  async deleteAll(): Promise<JobsPageResponseDto> {
    await this.jobs.deleteAll();
    return this.page(FIRST_PAGE);
  }

  private async page(query: JobListQuery): Promise<JobsPageResponseDto> {
    const slice = await this.jobs.list(query);
    const envelope = pageEnvelope(this.jobsPath, query.page, slice);
    const withFilters = (link: string | null): string | null =>
      link === null ? null : `${link}${query.linkParameters}`;
    return {
      ...envelope,
      next: withFilters(envelope.next),
      prev: withFilters(envelope.prev),
      jobs: await this.runFields.withRunFields(slice.items.map(jobView)),
    };
  }

  // The extension fields about the job's runs (JobRunFieldsRegistry), as they are now.
  private async withRunFields(view: JobView): Promise<JobResponseDto> {
    const [answer] = await this.runFields.withRunFields([view]);
    return answer;
  }
}
