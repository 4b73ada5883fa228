import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type Repository,
} from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.provider';
import { DATABASE_UNAVAILABLE, ServiceUnavailableError } from '../errors/domain-errors';
import { connectionRetryDelayMs } from './connection-backoff';

const MIGRATION_LOCK = 'scorecast_migrations';

// The native handles under TypeORM's drivers (better-sqlite3's Database, mysql2's pool), typed
// only as far as queryArrays uses them: TypeORM declares both as any.
interface NativeDrivers {
  databaseConnection: {
    prepare(sql: string): {
      raw(toggle: boolean): { all(...parameters: unknown[]): unknown[][] };
      pluck(toggle: boolean): { all(...parameters: unknown[]): unknown[] };
    };
  };
  pool: {
    execute(
      options: { sql: string; values: unknown[]; rowsAsArray: boolean },
      callback: (error: Error | null, rows: unknown[][]) => void,
    ): void;
  };
}
const MIGRATION_LOCK_TIMEOUT_SECONDS = 120;

/**
 * Owns the connection lifecycle. The HTTP server starts at once; the database is connected in
 * the background with backoff, so an unreachable database makes readiness false instead of
 * making the process exit and restart in a loop. Repositories reach TypeORM through here.
 */
@Injectable()
export class DatabaseService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseService.name);
  private stopped = false;
  private migrated = false;
  private wakeUp: (() => void) | undefined;
  private readonly ready: Promise<void>;
  private markReady!: () => void;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  onApplicationBootstrap(): void {
    void this.connectWithRetry();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.wakeUp?.();
  }

  /** Resolves once connected and migrated; rejects after `timeoutMs`. */
  async whenReady(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`database not ready after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  isConnected(): boolean {
    return this.migrated && this.dataSource.isInitialized;
  }

  /** The TypeORM repository of an entity; 503 while the database is not connected. */
  repository<Entity extends ObjectLiteral>(target: EntityTarget<Entity>): Repository<Entity> {
    if (!this.isConnected()) throw new ServiceUnavailableError(DATABASE_UNAVAILABLE);
    return this.dataSource.getRepository(target);
  }

  /** The end of the last SQLite transaction begun (see `transaction`). */
  private sqliteTransactions: Promise<unknown> = Promise.resolve();

  /**
   * Runs `work` in one transaction; 503 while the database is not connected. SQLite has one
   * connection, so its transactions queue: one begun while another waited on a statement
   * failed with "cannot start a transaction within a transaction". `work` must not begin
   * another transaction (it would wait for itself); it has `manager` for that.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isConnected()) throw new ServiceUnavailableError(DATABASE_UNAVAILABLE);
    if (this.dialect !== 'sqlite') return this.dataSource.transaction(work);
    const done = this.sqliteTransactions.then(() => this.dataSource.transaction(work));
    this.sqliteTransactions = done.catch(() => undefined);
    return done;
  }

  /** Which SQL the repositories must speak. */
  get dialect(): 'sqlite' | 'mysql' {
    return this.config.database.type;
  }

  /** A raw query, for the few hot paths where entity mapping costs too much. */
  query<Row>(sql: string, parameters: unknown[] = []): Promise<Row[]> {
    if (!this.isConnected()) throw new ServiceUnavailableError(DATABASE_UNAVAILABLE);
    return this.dataSource.query<Row[]>(sql, parameters);
  }

  /**
   * A raw query whose rows come back as arrays of column values, straight from the driver:
   * several times faster than objects through TypeORM for long reads (device windows).
   */
  queryArrays(sql: string, parameters: unknown[] = []): Promise<unknown[][]> {
    if (!this.isConnected()) throw new ServiceUnavailableError(DATABASE_UNAVAILABLE);
    const driver = this.dataSource.driver as unknown as NativeDrivers;
    if (this.config.database.type === 'sqlite') {
      const statement = driver.databaseConnection.prepare(sql).raw(true);
      return Promise.resolve(statement.all(...parameters));
    }
    // execute: the binary protocol, so numbers arrive as numbers instead of text to parse.
    return new Promise((resolve, reject) => {
      driver.pool.execute({ sql, values: parameters, rowsAsArray: true }, (error, rows) => {
        if (error) reject(error);
        else resolve(rows);
      });
    });
  }

  /**
   * SQLite only: the values of the one column a query selects, as a flat list. better-sqlite3
   * hands these over about twice as fast per value as rows of several columns.
   */
  queryColumn(sql: string, parameters: unknown[] = []): unknown[] {
    if (!this.isConnected()) throw new ServiceUnavailableError(DATABASE_UNAVAILABLE);
    if (this.config.database.type !== 'sqlite') throw new Error('queryColumn is SQLite only');
    const driver = this.dataSource.driver as unknown as NativeDrivers;
    return driver.databaseConnection
      .prepare(sql)
      .pluck(true)
      .all(...parameters);
  }

  async ping(): Promise<void> {
    if (!this.isConnected()) throw new ServiceUnavailableError(DATABASE_UNAVAILABLE);
    await this.dataSource.query('SELECT 1');
  }

  private async connectWithRetry(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        if (!this.dataSource.isInitialized) await this.dataSource.initialize();
        if (this.config.database.migrationsRun) await this.runMigrations();
        this.migrated = true;
        this.logger.log(`connected to ${this.config.database.type} database`);
        this.markReady();
        return;
      } catch (error) {
        const delay = connectionRetryDelayMs(attempt, this.config.database.retryMaxDelayMs);
        this.logger.warn(
          { err: error, attempt: attempt + 1, retryInMs: delay },
          `database connection failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        await this.sleep(delay);
      }
    }
  }

  private async runMigrations(): Promise<void> {
    if (this.dataSource.options.type !== 'mysql') {
      await this.dataSource.runMigrations({ transaction: 'each' });
      return;
    }
    // Replicas starting together must not run the same migration twice: a named lock held on
    // a dedicated connection serializes them (MySQL DDL is not transactional).
    const lockRunner = this.dataSource.createQueryRunner();
    try {
      await lockRunner.query('SELECT GET_LOCK(?, ?)', [
        MIGRATION_LOCK,
        MIGRATION_LOCK_TIMEOUT_SECONDS,
      ]);
      await this.dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lockRunner.query('SELECT RELEASE_LOCK(?)', [MIGRATION_LOCK]).catch(() => undefined);
      await lockRunner.release();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
