import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Req,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CumulocityErrorFilter } from '../../core/errors/cumulocity-error.filter';
import { NotFoundError } from '../../core/errors/domain-errors';
import { parsePageRequest } from '../../core/http/paging';
import { Roles } from '../../core/security/access.decorators';
import { baseUrlOf, cumulocityPage } from './cumulocity-page';
import { managedObjectBody, referenceBody } from './managed-object-body';
import { REFERENCE_KINDS, type ReferenceKind } from './managed-object-reference.entity';
import { InventoryService, type ManagedObjectsView, objectId } from './inventory.service';

function bodies(view: ManagedObjectsView, baseUrl: string): Record<string, unknown>[] {
  return view.objects.map((object) =>
    managedObjectBody(object, view.references, view.names, baseUrl),
  );
}

// Express 5 routes cannot restrict a parameter to a pattern, so the kind is checked here.
function referenceKind(text: string): ReferenceKind {
  if ((REFERENCE_KINDS as readonly string[]).includes(text)) return text as ReferenceKind;
  throw new NotFoundError(`Managed objects have no ${text}; use ${REFERENCE_KINDS.join(' or ')}.`);
}

const OBJECT_EXAMPLE = {
  name: 'Pump 7',
  type: 'c8y_Device',
  c8y_IsDevice: {},
  c8y_Hardware: { model: 'ADXL345' },
};

@ApiTags('Inventory (Cumulocity-compatible)')
@UseFilters(CumulocityErrorFilter)
@Controller('inventory/managedObjects')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @ApiOperation({
    summary:
      'Create a device (c8y_IsDevice) or group (c8y_IsDeviceGroup); other fragments are kept',
  })
  @ApiBody({ schema: { type: 'object', example: OBJECT_EXAMPLE } })
  @Roles('ADMIN')
  @Post()
  async create(@Body() body: unknown, @Req() request: Request): Promise<Record<string, unknown>> {
    return bodies(await this.inventory.create(body), baseUrlOf(request))[0];
  }

  @ApiOperation({ summary: 'Managed objects by id, paged (pageSize ≤ 2000, default 5)' })
  @ApiQuery({ name: 'type', required: false })
  @ApiQuery({ name: 'fragmentType', required: false, enum: ['c8y_IsDevice', 'c8y_IsDeviceGroup'] })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiQuery({ name: 'currentPage', required: false, type: Number })
  @Roles('READ')
  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
  ): Promise<Record<string, unknown>> {
    const page = parsePageRequest(
      { pageSize: query.pageSize, currentPage: query.currentPage },
      { withTotalPages: false },
    );
    const kind =
      query.fragmentType === 'c8y_IsDevice'
        ? 'device'
        : query.fragmentType === 'c8y_IsDeviceGroup'
          ? 'group'
          : undefined;
    const type = typeof query.type === 'string' ? query.type : undefined;
    const slice = await this.inventory.list({ type, kind }, page);
    return {
      ...cumulocityPage(request, '/inventory/managedObjects', page, slice.hasNext, query),
      managedObjects: bodies(slice.items[0], baseUrlOf(request)),
    };
  }

  @ApiOperation({ summary: 'One managed object with its child references' })
  @Roles('READ')
  @Get(':id')
  async get(@Param('id') id: string, @Req() request: Request): Promise<Record<string, unknown>> {
    return bodies(await this.inventory.get(objectId(id)), baseUrlOf(request))[0];
  }

  @ApiOperation({ summary: 'The child devices or child assets (subgroups) of a managed object' })
  @Roles('READ')
  @Get(':id/:kind')
  async references(
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Req() request: Request,
  ): Promise<Record<string, unknown>> {
    const view = await this.inventory.get(objectId(id));
    const body = bodies(view, baseUrlOf(request))[0];
    return body[referenceKind(kind)] as Record<string, unknown>;
  }

  @ApiOperation({ summary: 'Add a child device or child asset: `{"managedObject": {"id": "…"}}`' })
  @ApiBody({ schema: { type: 'object', example: { managedObject: { id: '15889549' } } } })
  @Roles('ADMIN')
  @Post(':id/:kind')
  async addReference(
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Body() body: unknown,
    @Req() request: Request,
  ): Promise<Record<string, unknown>> {
    const parentId = objectId(id);
    const child = await this.inventory.addReference(parentId, referenceKind(kind), body);
    const base = baseUrlOf(request);
    return referenceBody(
      `${base}/inventory/managedObjects/${parentId}`,
      referenceKind(kind),
      child.id,
      new Map([[child.id, child.name]]),
      base,
    );
  }

  @ApiOperation({ summary: 'Remove a child reference (the child itself stays)' })
  @Roles('ADMIN')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Delete(':id/:kind/:childId')
  async removeReference(
    @Param('id') id: string,
    @Param('kind') kind: string,
    @Param('childId', ParseIntPipe) childId: number,
  ): Promise<void> {
    await this.inventory.removeReference(objectId(id), referenceKind(kind), childId);
  }
}
