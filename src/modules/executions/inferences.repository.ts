import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../core/database/database.service';

/** One stored chunk of one model's outputs for one device. */
export interface InferenceChunk {
  executionId: number;
  attempt: number;
  /** 1, 2, … per device: the device's records in blocks of INFERENCE_CHUNK_RECORDS. */
  chunkNumber: number;
  /** The device's position in the resolved device list (orders devices on a page). */
  deviceIndex: number;
  /** The model's position among the job's models (orders models on a page). */
  modelIndex: number;
  deviceId: number;
  modelName: string;
  rowCount: number;
  /** JSON: every output field as an array, then `timestamp_<jobId>`. */
  outputs: string;
}

export type StoredChunk = Pick<
  InferenceChunk,
  'deviceIndex' | 'deviceId' | 'modelName' | 'rowCount' | 'outputs'
>;

const COLUMNS =
  'execution_id, attempt, chunk_number, device_index, model_index, device_id, model_name, row_count, outputs';

/**
 * Inferences, stored columnar per execution, device and model in chunks. Plain SQL: the table
 * has no entity (its outputs column is MEDIUMTEXT on MySQL), and this is the engine's hot path.
 * Only the rows of an execution's current attempt are ever read.
 */
@Injectable()
export class InferencesRepository {
  constructor(private readonly database: DatabaseService) {}

  async insert(chunks: readonly InferenceChunk[]): Promise<void> {
    if (chunks.length === 0) return;
    const parameters: unknown[] = [];
    for (const chunk of chunks) {
      parameters.push(
        chunk.executionId,
        chunk.attempt,
        chunk.chunkNumber,
        chunk.deviceIndex,
        chunk.modelIndex,
        chunk.deviceId,
        chunk.modelName,
        chunk.rowCount,
        chunk.outputs,
      );
    }
    const placeholders = chunks.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    await this.database.query(
      `INSERT INTO execution_inferences (${COLUMNS}) VALUES ${placeholders}`,
      parameters,
    );
  }

  /** The chunks of one page (the `chunkNumber`-th chunk of every device), devices then models in order. */
  async page(executionId: number, attempt: number, chunkNumber: number): Promise<StoredChunk[]> {
    const rows = await this.database.query<{
      deviceIndex: number | string;
      deviceId: number | string;
      modelName: string;
      rowCount: number | string;
      outputs: string;
    }>(
      'SELECT device_index AS deviceIndex, device_id AS deviceId, model_name AS modelName, row_count AS rowCount, outputs FROM execution_inferences WHERE execution_id = ? AND attempt = ? AND chunk_number = ? ORDER BY device_index, model_index',
      [executionId, attempt, chunkNumber],
    );
    return rows.map((row) => ({
      deviceIndex: Number(row.deviceIndex),
      deviceId: Number(row.deviceId),
      modelName: row.modelName,
      rowCount: Number(row.rowCount),
      outputs: row.outputs,
    }));
  }

  /** How many pages the attempt's inferences fill, and how many devices and models they are of. */
  async extent(
    executionId: number,
    attempt: number,
  ): Promise<{ pages: number; devices: number; models: number }> {
    const [row] = await this.database.query<Record<'pages' | 'devices' | 'models', unknown>>(
      'SELECT MAX(chunk_number) AS pages, COUNT(DISTINCT device_id) AS devices, COUNT(DISTINCT model_name) AS models FROM execution_inferences WHERE execution_id = ? AND attempt = ?',
      [executionId, attempt],
    );
    return {
      pages: Number(row?.pages ?? 0),
      devices: Number(row?.devices ?? 0),
      models: Number(row?.models ?? 0),
    };
  }

  /** Whether the attempt has a chunk numbered `chunkNumber` for any device. */
  async hasPage(executionId: number, attempt: number, chunkNumber: number): Promise<boolean> {
    const rows = await this.database.query(
      'SELECT 1 AS present FROM execution_inferences WHERE execution_id = ? AND attempt = ? AND chunk_number = ? LIMIT 1',
      [executionId, attempt, chunkNumber],
    );
    return rows.length > 0;
  }

  /** Deletes what earlier attempts of an execution stored (a takeover starts afresh). */
  async deleteOtherAttempts(executionId: number, attempt: number): Promise<void> {
    await this.database.query(
      'DELETE FROM execution_inferences WHERE execution_id = ? AND attempt <> ?',
      [executionId, attempt],
    );
  }
}
