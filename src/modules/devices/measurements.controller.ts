import { Body, Controller, Get, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CumulocityErrorFilter } from '../../core/errors/cumulocity-error.filter';
import { parsePageRequest } from '../../core/http/paging';
import { Roles } from '../../core/security/access.decorators';
import { baseUrlOf, cumulocityPage } from './cumulocity-page';
import type { PostedMeasurement } from './measurement-documents';
import type { StoredMeasurement } from './measurements.repository';
import { type MeasurementQuery, MeasurementsService } from './measurements.service';

const MEASUREMENT_EXAMPLE = {
  source: { id: '15889549' },
  time: '2026-11-23T10:15:30.123Z',
  type: 'c8y_Acceleration',
  c8y_Acceleration: {
    accelerationX: { value: 0.12, unit: 'g' },
    accelerationY: { value: -0.98, unit: 'g' },
  },
};

/** A measurement's id: its device, instant and type identify it (see docs/devices.md). */
const measurementId = (source: number, time: number, type: string): string =>
  `${source}-${time}${type ? `-${type}` : ''}`;

function measurementBody(
  measurement: { source: number; time: number; type: string },
  values: readonly { fragment: string; series: string; value: number; unit: string }[],
  baseUrl: string,
): Record<string, unknown> {
  const fragments: Record<string, Record<string, { value: number; unit?: string }>> = {};
  for (const value of values) {
    fragments[value.fragment] ??= {};
    fragments[value.fragment][value.series] = {
      value: value.value,
      ...(value.unit ? { unit: value.unit } : {}),
    };
  }
  return {
    id: measurementId(measurement.source, measurement.time, measurement.type),
    time: new Date(measurement.time).toISOString(),
    type: measurement.type,
    source: {
      id: String(measurement.source),
      self: `${baseUrl}/inventory/managedObjects/${measurement.source}`,
    },
    ...fragments,
  };
}

@ApiTags('Measurements (Cumulocity-compatible)')
@UseFilters(CumulocityErrorFilter)
@Controller('measurement/measurements')
export class MeasurementsController {
  constructor(private readonly measurements: MeasurementsService) {}

  @ApiOperation({
    summary: 'Store one measurement, or a collection `{"measurements": [...]}`',
    description:
      'Every series value of every measurement is stored, all or none. A value for a series of a device at an instant that already has one replaces it.',
  })
  @ApiConsumes(
    'application/vnd.com.nsn.cumulocity.measurement+json',
    'application/vnd.com.nsn.cumulocity.measurementcollection+json',
    'application/json',
  )
  @ApiBody({ schema: { type: 'object', example: MEASUREMENT_EXAMPLE } })
  @Roles('ADMIN')
  @Post()
  async create(@Body() body: unknown, @Req() request: Request): Promise<Record<string, unknown>> {
    const stored = await this.measurements.ingest(body);
    const base = baseUrlOf(request);
    const bodies = stored.map((measurement: PostedMeasurement) =>
      measurementBody(measurement, measurement.values, base),
    );
    const isCollection =
      typeof body === 'object' &&
      body !== null &&
      Array.isArray((body as { measurements?: unknown }).measurements);
    return isCollection ? { measurements: bodies } : bodies[0];
  }

  @ApiOperation({ summary: 'Measurements, filtered and paged (pageSize ≤ 2000, default 5)' })
  @ApiQuery({ name: 'source', required: false })
  @ApiQuery({ name: 'dateFrom', required: false, description: 'ISO-8601, inclusive' })
  @ApiQuery({ name: 'dateTo', required: false, description: 'ISO-8601, exclusive' })
  @ApiQuery({ name: 'valueFragmentType', required: false })
  @ApiQuery({ name: 'valueFragmentSeries', required: false })
  @ApiQuery({ name: 'revert', required: false, type: Boolean, description: 'newest first' })
  @ApiQuery({ name: 'pageSize', required: false, type: Number })
  @ApiQuery({ name: 'currentPage', required: false, type: Number })
  @Roles('READ')
  @Get()
  async list(
    @Query() query: MeasurementQuery & Record<string, unknown>,
    @Req() request: Request,
  ): Promise<Record<string, unknown>> {
    const page = parsePageRequest(
      { pageSize: query.pageSize, currentPage: query.currentPage },
      { withTotalPages: false },
    );
    const slice = await this.measurements.list(query, page);
    const base = baseUrlOf(request);
    return {
      ...cumulocityPage(request, '/measurement/measurements', page, slice.hasNext, query),
      measurements: slice.items.map((measurement: StoredMeasurement) =>
        measurementBody(measurement, measurement.values, base),
      ),
    };
  }
}
