import { Logger } from '@nestjs/common';
import type { ExecutionLogsRepository } from './execution-logs.repository';
import type { LogValue } from './execution-log.entity';

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * Writes one execution's structured log (GET …/history/{n}/logs), numbering the lines; a line
 * that cannot be written is reported to the service log and does not stop the run.
 */
export class ExecutionJournal {
  private static readonly logger = new Logger('ExecutionJournal');

  private constructor(
    private readonly logs: ExecutionLogsRepository,
    private readonly executionId: number,
    private sequence: number,
  ) {}

  /** A journal that continues after the lines the execution has (a takeover appends). */
  static async continuing(
    logs: ExecutionLogsRepository,
    executionId: number,
  ): Promise<ExecutionJournal> {
    return new ExecutionJournal(logs, executionId, await logs.lastSequence(executionId));
  }

  info(message: string, details: Record<string, LogValue> = {}): Promise<void> {
    return this.write('info', message, details);
  }

  warn(message: string, details: Record<string, LogValue> = {}): Promise<void> {
    return this.write('warn', message, details);
  }

  error(message: string, details: Record<string, LogValue> = {}): Promise<void> {
    return this.write('error', message, details);
  }

  private async write(
    level: LogLevel,
    message: string,
    details: Record<string, LogValue>,
  ): Promise<void> {
    this.sequence++;
    try {
      await this.logs.append({
        executionId: this.executionId,
        sequence: this.sequence,
        time: Date.now(),
        level,
        message,
        details,
      });
    } catch (error) {
      ExecutionJournal.logger.warn(
        { err: error, executionId: this.executionId, line: message },
        'could not write an execution log line',
      );
    }
  }
}
