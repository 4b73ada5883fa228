import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AppConfig } from '../../core/config/app-config';
import { APP_CONFIG } from '../../core/config/app-config.provider';
import { errorEnvelope } from '../../core/errors/error-bodies';
import {
  ApiPageQuery,
  type PageRequest,
  pageEnvelope,
  parsePageRequest,
  type PagingDefaults,
} from '../../core/http/paging';
import type { AuthenticatedUser } from '../../core/security/authenticated-user';
import { CurrentUser, Roles } from '../../core/security/access.decorators';
import { CreateModelGroupDto, UpdateModelGroupDto } from './dto/model-group-request.dto';
import { ModelGroupResponseDto, ModelGroupsPageResponseDto } from './dto/model-group-response.dto';
import { ModelGroupsService } from './model-groups.service';

const GROUPS_PATH = 'pmml/groups';
// As GET /jobs: pages are counted unless the client says otherwise.
const PAGING: PagingDefaults = { withTotalPages: true };
const FIRST_PAGE: PageRequest = parsePageRequest({}, PAGING);

const GROUP_NOT_FOUND = {
  schema: { example: errorEnvelope(["Model group with name 'dummy' does not exist."]) },
};
const MEMBERS_NOT_FOUND = {
  description: 'The group, or one of the models, does not exist.',
  schema: { example: errorEnvelope(["Model 'IsolationForestRetrained' not found."]) },
};
const BAD_MEMBERS = {
  description:
    'A model belongs to another group, the models take different inputs, or the primary model is not a member; every problem is listed.',
  schema: {
    example: errorEnvelope([
      "Model 'IsolationForest' already belongs to model group 'Anomalies'.",
      "All models of a group must take the same inputs: 'DecisionTreeClassifier' takes other inputs than 'IsolationForest'.",
    ]),
  },
};
const MEMBERSHIP_RULES =
  'All members must take the same inputs (the same field names and types), and a model belongs to at most one group. Deactivated models may be members; they still cannot be applied until they are activated.';

@ApiTags('Model groups')
@Controller(GROUPS_PATH)
export class ModelGroupsController {
  private readonly path: string;

  constructor(
    private readonly groups: ModelGroupsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.path = `${config.http.basePath}/${GROUPS_PATH}`;
  }

  @ApiOperation({ summary: 'A page of the model groups, ordered by name' })
  @ApiPageQuery(PAGING)
  @ApiOkResponse({ type: ModelGroupsPageResponseDto })
  @ApiBadRequestResponse({
    schema: { example: errorEnvelope(["pageSize must be an integer from 1 to 2000; got '0'."]) },
  })
  @Roles('READ')
  @Get()
  list(@Query() query: Record<string, unknown>): Promise<ModelGroupsPageResponseDto> {
    return this.page(parsePageRequest(query, PAGING));
  }

  @ApiOperation({ summary: 'A model group' })
  @ApiOkResponse({ type: ModelGroupResponseDto })
  @ApiNotFoundResponse(GROUP_NOT_FOUND)
  @Roles('READ')
  @Get(':group')
  get(@Param('group') name: string): Promise<ModelGroupResponseDto> {
    return this.groups.get(name);
  }

  @ApiOperation({
    summary: 'Create a model group',
    description: `Unsafe characters in the name become underscores. The primary model defaults to the first model. ${MEMBERSHIP_RULES}`,
  })
  @ApiCreatedResponse({ type: ModelGroupResponseDto })
  @ApiBadRequestResponse(BAD_MEMBERS)
  @ApiNotFoundResponse(MEMBERS_NOT_FOUND)
  @ApiConflictResponse({
    schema: {
      example: errorEnvelope([
        "A model group with the name 'AnomalyDetectionModels' already exists.",
      ]),
    },
  })
  @Roles('ADMIN')
  @Post()
  create(
    @Body() body: CreateModelGroupDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ModelGroupResponseDto> {
    return this.groups.create(body, user.userName);
  }

  @ApiOperation({
    summary: 'Change the members or the primary model of a model group',
    description: `The models given replace the members; models left out belong to no group afterwards. Without primaryModel, the primary model stays if it is still a member, else the first model becomes primary. A groupName in the body must be the group's own: groups cannot be renamed. ${MEMBERSHIP_RULES}`,
  })
  @ApiOkResponse({ type: ModelGroupResponseDto })
  @ApiBadRequestResponse(BAD_MEMBERS)
  @ApiNotFoundResponse(MEMBERS_NOT_FOUND)
  @ApiConflictResponse({ description: 'The group was changed by another request meanwhile.' })
  @Roles('ADMIN')
  @Put(':group')
  update(
    @Param('group') name: string,
    @Body() body: UpdateModelGroupDto,
  ): Promise<ModelGroupResponseDto> {
    return this.groups.update(name, body);
  }

  @ApiOperation({
    summary: 'Delete a model group; answers with the first page of the remaining groups',
    description: 'The models stay, in no group. A group that a job uses cannot be deleted.',
  })
  @ApiOkResponse({ type: ModelGroupsPageResponseDto })
  @ApiNotFoundResponse(GROUP_NOT_FOUND)
  @ApiConflictResponse({
    schema: { example: errorEnvelope(["Cannot delete: 'Anomalies' is used by job(s) 15896925."]) },
  })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.OK)
  @Delete(':group')
  async delete(@Param('group') name: string): Promise<ModelGroupsPageResponseDto> {
    await this.groups.delete(name);
    return this.page(FIRST_PAGE);
  }

  private async page(page: PageRequest): Promise<ModelGroupsPageResponseDto> {
    const slice = await this.groups.list(page);
    return { ...pageEnvelope(this.path, page, slice), groups: slice.items };
  }
}
