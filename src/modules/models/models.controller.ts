import {
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
  Inject,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { errorEnvelope } from '../../core/errors/error-bodies';
import { readUploadedDocument } from '../../core/http/uploaded-document';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { CurrentUser, Roles } from '../../core/security/access.decorators';
import {
  modelInfoResponse,
  ModelInfoResponseDto,
  ModelNamesResponseDto,
  ModelVersionsResponseDto,
} from './dto/model-info-response.dto';
import { ModelsService } from './models.service';

const NOT_FOUND_EXAMPLE = { schema: { example: errorEnvelope(["Model 'dummy' not found."]) } };

const UPLOAD_BODY = {
  description:
    'The PMML document: a multipart/form-data field `file`, or the raw document as application/xml or application/octet-stream.',
  schema: {
    type: 'object',
    properties: { file: { type: 'string', format: 'binary' } },
  },
};

@ApiTags('Models')
@Controller()
export class ModelsController {
  constructor(
    private readonly models: ModelsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiOperation({ summary: 'Names of all models' })
  @ApiOkResponse({ type: ModelNamesResponseDto })
  @Roles('READ')
  @Get('models')
  async list(): Promise<ModelNamesResponseDto> {
    return { models: await this.models.listNames() };
  }

  @ApiOperation({
    summary: 'Upload a PMML model',
    description:
      'The name comes from the modelName of the model element, else from the file name; unsafe characters become underscores. The document is compiled first: one the engine cannot score is refused and nothing is stored.',
  })
  @ApiConsumes('multipart/form-data', 'application/xml', 'application/octet-stream')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: ModelInfoResponseDto })
  @ApiBadRequestResponse({ schema: { example: errorEnvelope(['Invalid XML format.']) } })
  @ApiConflictResponse({
    schema: { example: errorEnvelope(["A model with the name 'IsolationForest' already exists."]) },
  })
  @ApiPayloadTooLargeResponse({ description: 'Larger than MODEL_UPLOAD_LIMIT.' })
  @Roles('ADMIN')
  @Post('model')
  async upload(
    @Req() request: Request,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelInfoResponseDto> {
    const document = await readUploadedDocument(
      request,
      'file',
      this.config.models.uploadLimitBytes,
    );
    return modelInfoResponse(
      await this.models.upload(document.bytes, document.fileName, user.userName),
    );
  }

  @ApiOperation({ summary: 'A model: its fields, state and current version' })
  @ApiOkResponse({ type: ModelInfoResponseDto })
  @ApiNotFoundResponse(NOT_FOUND_EXAMPLE)
  @Roles('READ')
  @Get('model/:name')
  async info(@Param('name') name: string): Promise<ModelInfoResponseDto> {
    return modelInfoResponse(await this.models.info(name));
  }

  @ApiOperation({
    summary: 'Extension: replace a model with a new version',
    description:
      "Keeps the name and state; older versions stay readable, and runs that started on one finish on it. Members of a group must keep the group's inputs.",
  })
  @ApiConsumes('multipart/form-data', 'application/xml', 'application/octet-stream')
  @ApiBody(UPLOAD_BODY)
  @ApiOkResponse({ type: ModelInfoResponseDto })
  @ApiNotFoundResponse(NOT_FOUND_EXAMPLE)
  @Roles('ADMIN')
  @Put('model/:name')
  async replace(
    @Param('name') name: string,
    @Req() request: Request,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelInfoResponseDto> {
    const document = await readUploadedDocument(
      request,
      'file',
      this.config.models.uploadLimitBytes,
    );
    return modelInfoResponse(await this.models.replace(name, document.bytes, user.userName));
  }

  @ApiOperation({
    summary: 'The PMML document as uploaded (extension: `?version=N` for an older one)',
  })
  @ApiQuery({ name: 'version', required: false, type: Number })
  @ApiOkResponse({
    description: 'The PMML document.',
    content: { 'application/xml': { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse(NOT_FOUND_EXAMPLE)
  @Roles('READ')
  @Get('model/:name/source')
  async source(
    @Param('name') name: string,
    @Res({ passthrough: true }) response: Response,
    @Query('version', new ParseIntPipe({ optional: true })) version?: number,
  ): Promise<string> {
    const source = await this.models.source(name, version);
    // Set only on success: errors keep the JSON envelope's content type.
    response.type('application/xml; charset=utf-8');
    return source;
  }

  @ApiOperation({ summary: 'Extension: every version of a model' })
  @ApiOkResponse({ type: ModelVersionsResponseDto })
  @ApiNotFoundResponse(NOT_FOUND_EXAMPLE)
  @Roles('READ')
  @Get('model/:name/versions')
  async versions(@Param('name') name: string): Promise<ModelVersionsResponseDto> {
    const versions = await this.models.versions(name);
    return {
      modelName: name,
      versions: versions.map((version) => ({
        version: version.version,
        creationDate: version.createdAt.toISOString(),
        sizeBytes: version.sizeBytes,
        sha256: version.sha256,
        uploadedBy: version.uploadedBy,
        modelType: version.modelType,
      })),
    };
  }

  @ApiOperation({ summary: 'Activate a model' })
  @ApiOkResponse({ type: ModelInfoResponseDto })
  @ApiNotFoundResponse(NOT_FOUND_EXAMPLE)
  @Roles('ADMIN')
  @Put('model/:name/activate')
  async activate(@Param('name') name: string): Promise<ModelInfoResponseDto> {
    return modelInfoResponse(await this.models.setActive(name, true));
  }

  @ApiOperation({ summary: 'Deactivate a model: it cannot be applied, and jobs using it fail' })
  @ApiOkResponse({ type: ModelInfoResponseDto })
  @ApiNotFoundResponse(NOT_FOUND_EXAMPLE)
  @Roles('ADMIN')
  @Put('model/:name/deactivate')
  async deactivate(@Param('name') name: string): Promise<ModelInfoResponseDto> {
    return modelInfoResponse(await this.models.setActive(name, false));
  }

  @ApiOperation({ summary: 'Delete a model; answers with the remaining names' })
  @ApiOkResponse({ type: ModelNamesResponseDto })
  @ApiNotFoundResponse(NOT_FOUND_EXAMPLE)
  @ApiConflictResponse({ description: 'A job uses the model, or it belongs to a model group.' })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.OK)
  @Delete('model/:name')
  async delete(@Param('name') name: string): Promise<ModelNamesResponseDto> {
    return { models: await this.models.delete(name) };
  }

  @ApiOperation({ summary: 'Delete every model and model group' })
  @ApiOkResponse({ type: ModelNamesResponseDto })
  @ApiConflictResponse({ description: 'A job uses one of them; nothing is deleted.' })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.OK)
  @Delete('models')
  async deleteAll(): Promise<ModelNamesResponseDto> {
    return { models: await this.models.deleteAll() };
  }
}
