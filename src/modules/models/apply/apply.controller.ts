import { Readable } from 'node:stream';
import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { errorEnvelope } from '../../../core/errors/error-bodies';
import { Roles } from '../../../core/security/access.decorators';
import { type AppliedBatch, type AppliedRecord, ApplyService } from './apply.service';
import { CSV_TYPE, JSON_LINES_TYPES, JSON_TYPE, UNSUPPORTED_TYPE_MESSAGE } from './batch-format';
import { ApplyResponseDto, GroupApplyResponseDto } from './dto/apply-response.dto';

export const FAILED_RECORDS_HEADER = 'X-Scorecast-Failed-Records';
export const FIRST_ERROR_HEADER = 'X-Scorecast-First-Error';

const FIRST_ERROR_MAX_LENGTH = 1000;

/** A message as a header value: printable ASCII, everything else escaped as \uXXXX. */
export function asciiHeaderValue(message: string): string {
  const escaped = message.replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > FIRST_ERROR_MAX_LENGTH
    ? `${escaped.slice(0, FIRST_ERROR_MAX_LENGTH - 3)}...`
    : escaped;
}

const BATCH_TYPES = [CSV_TYPE, JSON_TYPE, ...JSON_LINES_TYPES];

const BATCH_BODY = {
  description: `The records: ${CSV_TYPE} with a header row of input field names (an empty cell is missing), ${JSON_TYPE} with an array of objects, or JSON lines (one object per line). Read while it arrives, up to APPLY_BODY_LIMIT.`,
  schema: { type: 'string' },
  examples: {
    csv: { summary: CSV_TYPE, value: 'sepal_length,sepal_width\n5.1,3.5\n6.2,\n' },
    json: { summary: JSON_TYPE, value: '[{"sepal_length": 5.1, "sepal_width": 3.5}]' },
    jsonLines: {
      summary: 'application/x-ndjson',
      value: '{"sepal_length": 5.1, "sepal_width": 3.5}\n{"sepal_length": 6.2}\n',
    },
  },
};

const SCORED_HEADERS = {
  [FAILED_RECORDS_HEADER]: {
    description: 'How many records could not be scored (their results are null or empty).',
    schema: { type: 'integer', example: 1 },
  },
  [FIRST_ERROR_HEADER]: {
    description: 'Why the first of them failed (ASCII; other characters as \\uXXXX).',
    schema: { type: 'string', example: 'Field "sepal_length" has the invalid value "abc"' },
  },
};

const BAD_BATCH = {
  description:
    'A record that cannot be read (N counts records from 1; nothing is scored), or a Content-Type that is not accepted.',
  content: {
    'application/json': {
      examples: {
        badRecord: { value: errorEnvelope(['Failed to parse input at record 3.']) },
        badHeader: { value: errorEnvelope(['Failed to parse the CSV header row.']) },
        badType: {
          value: errorEnvelope([`${UNSUPPORTED_TYPE_MESSAGE}; the Content-Type was text/plain.`]),
        },
      },
    },
  },
};

/** An error answer: always JSON, whatever the format of the batch. */
const jsonError = (message: string): { content: Record<string, object> } => ({
  content: { 'application/json': { schema: { example: errorEnvelope([message]) } } },
});

const MODEL_NOT_FOUND = jsonError("Model 'dummy' not found.");
const MODEL_INACTIVE = jsonError("Model 'IrisTree' is not active; activate it before applying it.");
const TOO_LARGE = jsonError('The request body is larger than the limit of 104857600 bytes.');

/** The answer to a batch in each format; `json` is the schema of the JSON array answer. */
function batchAnswers(json: string, csv: string, line: string): Record<string, object> {
  return {
    [CSV_TYPE]: { schema: { type: 'string', example: csv } },
    [JSON_TYPE]: { schema: { $ref: json } },
    ...Object.fromEntries(
      JSON_LINES_TYPES.map((type) => [type, { schema: { type: 'string', example: line } }]),
    ),
  };
}

@ApiTags('Models')
@ApiExtraModels(ApplyResponseDto, GroupApplyResponseDto)
@Controller()
export class ApplyController {
  constructor(private readonly apply: ApplyService) {}

  @ApiOperation({
    summary: 'Score one record with a model',
    description:
      'The record is a JSON object of input field name → value; a missing field, null or "" is a missing value.',
  })
  @ApiParam({ name: 'model', example: 'IrisTree' })
  @ApiQuery({
    name: 'record',
    type: String,
    description: 'The record as a JSON object (URL-encoded).',
    example: '{"sepal_length": 5.1, "sepal_width": 3.5}',
  })
  @ApiOkResponse({ type: ApplyResponseDto })
  @ApiBadRequestResponse({
    description:
      'No record, a record that is not a JSON object, or a record the model cannot score (the reason is given).',
    content: {
      'application/json': {
        examples: {
          badRecord: { value: errorEnvelope(['Failed to parse input at record 1.']) },
          invalidValue: {
            value: errorEnvelope(['Field "sepal_length" has the invalid value "abc"']),
          },
        },
      },
    },
  })
  @ApiNotFoundResponse(MODEL_NOT_FOUND)
  @ApiConflictResponse(MODEL_INACTIVE)
  @Roles('READ')
  @Get('apply/:model')
  applyRecord(
    @Param('model') model: string,
    // Typed unknown: the service checks it, and a repeated parameter arrives as an array.
    @Query('record') record: unknown,
  ): Promise<AppliedRecord> {
    return this.apply.applyRecord(model, record);
  }

  @ApiOperation({
    summary: 'Score a batch of records with a model, answered in the format sent',
    description:
      'CSV is answered as CSV (a header of the result fields, one row per record), a JSON array as `{"model", "outputs": [...]}`, JSON lines as JSON lines (one object of results per line). A record the model cannot score does not fail the batch: its results are null (empty cells), and the response headers count the failures. A record that cannot be read fails the whole request.',
  })
  @ApiParam({ name: 'model', example: 'IrisTree' })
  @ApiConsumes(...BATCH_TYPES)
  @ApiProduces(...BATCH_TYPES)
  @ApiBody(BATCH_BODY)
  @ApiOkResponse({
    headers: SCORED_HEADERS,
    content: batchAnswers(
      getSchemaPath(ApplyResponseDto),
      'Species,Probability_setosa\nsetosa,0.98\n,\n',
      '{"Species":"setosa","Probability_setosa":0.98}\n{"Species":null,"Probability_setosa":null}\n',
    ),
  })
  @ApiBadRequestResponse(BAD_BATCH)
  @ApiNotFoundResponse(MODEL_NOT_FOUND)
  @ApiConflictResponse(MODEL_INACTIVE)
  @ApiPayloadTooLargeResponse(TOO_LARGE)
  @Roles('READ')
  @HttpCode(HttpStatus.OK)
  @Post('apply/:model')
  async applyBatch(
    @Param('model') model: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return answer(
      await this.apply.applyBatch(model, request, request.headers['content-type']),
      response,
    );
  }

  @ApiOperation({
    summary: 'Score a batch of records with every model of a group',
    description:
      'As `POST /apply/{model}`, with each member in the group\'s order scoring every record: JSON gives `{"group", "outputs": [{"<model>": {results}, ...}]}`, JSON lines one such object per line, CSV the columns `<model>.<field>`.',
  })
  @ApiParam({ name: 'group', example: 'IrisModels' })
  @ApiConsumes(...BATCH_TYPES)
  @ApiProduces(...BATCH_TYPES)
  @ApiBody(BATCH_BODY)
  @ApiOkResponse({
    headers: SCORED_HEADERS,
    content: batchAnswers(
      getSchemaPath(GroupApplyResponseDto),
      'IrisTree.Species,IrisLogistic.Species\nsetosa,setosa\n',
      '{"IrisTree":{"Species":"setosa"},"IrisLogistic":{"Species":"setosa"}}\n',
    ),
  })
  @ApiBadRequestResponse(BAD_BATCH)
  @ApiNotFoundResponse({
    description: 'No such group, or a member model is gone.',
    ...jsonError("Model group with name 'dummy' does not exist."),
  })
  @ApiConflictResponse({ description: 'A member model is not active.', ...MODEL_INACTIVE })
  @ApiPayloadTooLargeResponse(TOO_LARGE)
  @Roles('READ')
  @HttpCode(HttpStatus.OK)
  @Post('pmml/apply-group/:group')
  async applyGroupBatch(
    @Param('group') group: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return answer(
      await this.apply.applyGroupBatch(group, request, request.headers['content-type']),
      response,
    );
  }
}

function answer(batch: AppliedBatch, response: Response): StreamableFile {
  response.setHeader(FAILED_RECORDS_HEADER, String(batch.failedRecords));
  if (batch.failedRecords > 0 && batch.firstError !== undefined) {
    response.setHeader(FIRST_ERROR_HEADER, asciiHeaderValue(batch.firstError));
  }
  const length = batch.body.reduce((total, piece) => total + piece.length, 0);
  return new StreamableFile(Readable.from(batch.body), { type: batch.contentType, length });
}
