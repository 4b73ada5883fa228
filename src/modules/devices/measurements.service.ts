import { Injectable } from '@nestjs/common';
import { ValidationError } from '../../core/errors/domain-errors';
import { type PageRequest, type PageSlice, pageSlice, pageWindow } from '../../core/http/paging';
import { InventoryRepository } from './inventory.repository';
import { managedObjectNotFound } from './inventory.service';
import { type PostedMeasurement, postedMeasurements } from './measurement-documents';
import {
  type MeasurementFilter,
  MeasurementsRepository,
  type MeasurementValueRow,
  type StoredMeasurement,
} from './measurements.repository';

export interface MeasurementQuery {
  source?: unknown;
  dateFrom?: unknown;
  dateTo?: unknown;
  valueFragmentType?: unknown;
  valueFragmentSeries?: unknown;
  revert?: unknown;
}

function optionalText(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value !== '') return value;
  throw new ValidationError(`${name} must be given once, as text.`);
}

function optionalDate(name: string, value: unknown): number | undefined {
  const text = optionalText(name, value);
  if (text === undefined) return undefined;
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) throw new ValidationError(`${name} must be an ISO-8601 date-time.`);
  return millis;
}

/** Device measurements of the embedded store: ingest and listing. */
@Injectable()
export class MeasurementsService {
  constructor(
    private readonly measurements: MeasurementsRepository,
    private readonly inventory: InventoryRepository,
  ) {}

  /** Stores every value of the posted measurements, all or nothing; returns them as read. */
  async ingest(body: unknown): Promise<PostedMeasurement[]> {
    const posted = postedMeasurements(body);
    const sources = [...new Set(posted.map((measurement) => measurement.source))];
    const known = new Set((await this.inventory.findByIds(sources)).map((object) => object.id));
    const unknown = sources.find((source) => !known.has(source));
    if (unknown !== undefined) throw managedObjectNotFound(unknown);
    const rows: MeasurementValueRow[] = [];
    for (const measurement of posted) {
      for (const value of measurement.values) {
        rows.push({
          source: measurement.source,
          seriesId: await this.measurements.seriesId(value.fragment, value.series),
          time: measurement.time,
          value: value.value,
          type: measurement.type,
          unit: value.unit,
        });
      }
    }
    await this.measurements.upsertValues(rows);
    return posted;
  }

  async list(query: MeasurementQuery, page: PageRequest): Promise<PageSlice<StoredMeasurement>> {
    const sourceText = optionalText('source', query.source);
    const source = sourceText === undefined ? undefined : Number(sourceText);
    if (source !== undefined && !Number.isSafeInteger(source)) {
      throw new ValidationError('source must be the id of a managed object.');
    }
    const revert = optionalText('revert', query.revert);
    if (revert !== undefined && revert !== 'true' && revert !== 'false') {
      throw new ValidationError('revert must be true or false.');
    }
    const filter: MeasurementFilter = {
      source,
      dateFrom: optionalDate('dateFrom', query.dateFrom),
      dateTo: optionalDate('dateTo', query.dateTo),
      fragment: optionalText('valueFragmentType', query.valueFragmentType),
      series: optionalText('valueFragmentSeries', query.valueFragmentSeries),
      revert: revert === 'true',
    };
    const { skip, take } = pageWindow(page);
    return pageSlice(await this.measurements.listMeasurements(filter, skip, take), page, null);
  }
}
