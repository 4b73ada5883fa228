import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { errorEnvelope } from '../../core/errors/error-bodies';
import { ApiPageQuery } from '../../core/http/paging';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { CurrentUser, Roles } from '../../core/security/access.decorators';
import { readIdempotencyKey } from '../jobs/idempotency';
import {
  ExecutionAcceptedResponseDto,
  ExecutionHistoryPageResponseDto,
  ExecutionLogsPageResponseDto,
  ExecutionResponseDto,
  ExecutionStatusResponseDto,
  InferencesPageResponseDto,
} from './dto/execution-response.dto';
import { ExecutionsService } from './executions.service';

const JOB_ID = { name: 'id', description: 'The jobId.', example: '15896925' };
const NUMBER = {
  name: 'number',
  description: 'The jobExecutionNumber (executionId in the Zementis document).',
  example: '1',
};
const JOB_NOT_FOUND = {
  description: 'No job has this id (non-numeric ids included).',
  schema: { example: errorEnvelope(["Zementis job ID '00000' not found."]) },
};
const EXECUTION_NOT_FOUND = {
  description: 'The job is unknown, or has no execution with this number.',
  schema: { example: errorEnvelope(['Job Execution number 0 does not exist.']) },
};
const BAD_PAGE = {
  schema: {
    example: errorEnvelope(["currentPage must be an integer from 1 to 2147483647; got '0'."]),
  },
};
const HISTORY = 'job/:id/history/:number';

@ApiTags('Job executions')
@Controller()
export class ExecutionsController {
  constructor(private readonly executions: ExecutionsService) {}

  @ApiOperation({
    summary: 'The status and duration of a job’s execution',
    description:
      'The running execution’s status and the milliseconds it has run so far (else the queued one’s); if none is going on, the status and duration of the execution that ended last. A job that never ran answers `{"jobExecutionStatus": "NotExecuted", "jobExecutionDuration": "0"}`.',
  })
  @ApiParam(JOB_ID)
  @ApiOkResponse({ type: ExecutionStatusResponseDto })
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @Roles('READ')
  @Get('job/:id/status')
  status(@Param('id') id: string): Promise<ExecutionStatusResponseDto> {
    return this.executions.status(id);
  }

  @ApiOperation({
    summary: 'A page of a job’s executions, newest first',
    description: 'Pages are counted only with withTotalPages=true (default false).',
  })
  @ApiParam(JOB_ID)
  @ApiPageQuery({ withTotalPages: false })
  @ApiOkResponse({ type: ExecutionHistoryPageResponseDto })
  @ApiBadRequestResponse(BAD_PAGE)
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @Roles('READ')
  @Get('job/:id/history')
  history(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<ExecutionHistoryPageResponseDto> {
    return this.executions.history(id, query);
  }

  @ApiOperation({ summary: 'One execution of a job' })
  @ApiParam(JOB_ID)
  @ApiParam(NUMBER)
  @ApiOkResponse({ type: ExecutionResponseDto })
  @ApiNotFoundResponse(EXECUTION_NOT_FOUND)
  @Roles('READ')
  @Get(HISTORY)
  detail(@Param('id') id: string, @Param('number') number: string): Promise<ExecutionResponseDto> {
    return this.executions.detail(id, number);
  }

  @ApiOperation({
    summary: 'The inferences of an execution, a block of up to 2000 records per device a page',
    description:
      'Page k holds the k-th block of up to 2000 records of every device that has one, with the outputs of each model. No pageSize: the block size is fixed. Pages are counted only with withTotalPages=true (default false). A Running execution shows what it stored so far.',
  })
  @ApiParam(JOB_ID)
  @ApiParam(NUMBER)
  @ApiQuery({
    name: 'currentPage',
    required: false,
    schema: { type: 'integer', minimum: 1, default: 1 },
  })
  @ApiQuery({
    name: 'withTotalPages',
    required: false,
    schema: { type: 'boolean', default: false },
  })
  @ApiOkResponse({ type: InferencesPageResponseDto })
  @ApiBadRequestResponse(BAD_PAGE)
  @ApiNotFoundResponse(EXECUTION_NOT_FOUND)
  @Roles('READ')
  @Get(`${HISTORY}/inferences`)
  inferences(
    @Param('id') id: string,
    @Param('number') number: string,
    @Query() query: Record<string, unknown>,
  ): Promise<InferencesPageResponseDto> {
    return this.executions.inferencePage(id, number, query);
  }

  @ApiOperation({
    summary: 'Extension: the structured log of an execution, oldest line first',
    description: 'Paged like the history, 100 lines a page unless pageSize says otherwise.',
  })
  @ApiParam(JOB_ID)
  @ApiParam(NUMBER)
  @ApiPageQuery({ withTotalPages: false })
  @ApiOkResponse({ type: ExecutionLogsPageResponseDto })
  @ApiBadRequestResponse(BAD_PAGE)
  @ApiNotFoundResponse(EXECUTION_NOT_FOUND)
  @Roles('READ')
  @Get(`${HISTORY}/logs`)
  logs(
    @Param('id') id: string,
    @Param('number') number: string,
    @Query() query: Record<string, unknown>,
  ): Promise<ExecutionLogsPageResponseDto> {
    return this.executions.logPage(id, number, query);
  }

  @ApiOperation({
    summary: 'Extension: run a job now',
    description:
      'Whatever its schedule, also while paused, over the window a fire now would read (a once job: its dataFrom–dataTo). Never skipped for a running execution. Answers at once with the new execution; poll its status.',
  })
  @ApiParam(JOB_ID)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Up to 255 visible ASCII characters, such as a UUID. A retry by the same caller with the same key for the same job within 24 hours gets the first answer (header `Idempotent-Replayed: true`) and starts nothing; the same key for another job is a 409.',
  })
  @ApiAcceptedResponse({ type: ExecutionAcceptedResponseDto })
  @ApiNotFoundResponse(JOB_NOT_FOUND)
  @ApiConflictResponse({
    description: 'The Idempotency-Key was used for another request.',
    schema: {
      example: errorEnvelope([
        "Idempotency-Key '3f1c2a9e' was already used for another request; send a new key to run the job again.",
      ]),
    },
  })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.ACCEPTED)
  @Post('job/:id/run')
  async run(
    @Param('id') id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ExecutionAcceptedResponseDto> {
    const answer = await this.executions.run(id, user, readIdempotencyKey(idempotencyKey));
    if (answer.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }

  @ApiOperation({
    summary: 'Extension: cancel an execution',
    description:
      'A Queued execution ends Cancelled at once; a Running one stops after the chunk it is on and ends Cancelled, keeping the inferences it stored. The answer shows the status at that moment.',
  })
  @ApiParam(JOB_ID)
  @ApiParam(NUMBER)
  @ApiAcceptedResponse({ type: ExecutionAcceptedResponseDto })
  @ApiNotFoundResponse(EXECUTION_NOT_FOUND)
  @ApiConflictResponse({
    description: 'The execution has ended.',
    schema: {
      example: errorEnvelope([
        'Job execution 1 is Success; only a Queued or Running execution can be cancelled.',
      ]),
    },
  })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.ACCEPTED)
  @Post(`${HISTORY}/cancel`)
  cancel(
    @Param('id') id: string,
    @Param('number') number: string,
  ): Promise<ExecutionAcceptedResponseDto> {
    return this.executions.cancel(id, number);
  }

  @ApiOperation({
    summary: 'Extension: retry a failed or cancelled execution',
    description:
      'Runs the job again over the same data window as a new execution (its retryOf names the old one), with the job’s current models and mappings.',
  })
  @ApiParam(JOB_ID)
  @ApiParam(NUMBER)
  @ApiAcceptedResponse({ type: ExecutionAcceptedResponseDto })
  @ApiNotFoundResponse(EXECUTION_NOT_FOUND)
  @ApiConflictResponse({
    description: 'The execution did not fail and was not cancelled.',
    schema: {
      example: errorEnvelope([
        'Job execution 1 is Success; only a Failure or Cancelled execution can be retried.',
      ]),
    },
  })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.ACCEPTED)
  @Post(`${HISTORY}/retry`)
  retry(
    @Param('id') id: string,
    @Param('number') number: string,
  ): Promise<ExecutionAcceptedResponseDto> {
    return this.executions.retry(id, number);
  }
}
