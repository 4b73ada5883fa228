import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  type HealthCheckResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { DatabaseService } from '../database/database.service';
import { Public } from '../security/access.decorators';

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseService,
  ) {}

  @ApiOperation({ summary: 'Liveness: the process is up and answering' })
  @Get()
  liveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @ApiOperation({ summary: 'Readiness: the database is connected, migrated and answering' })
  @ApiServiceUnavailableResponse({ description: 'The database is not connected or not answering.' })
  @Get('ready')
  async readiness(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.databaseIndicator()]);
    } catch (error) {
      // Terminus reports "down" as a 503 exception whose body is the health report; answer it
      // as a report rather than in the API's error envelope.
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      return (error as { getResponse(): HealthCheckResult }).getResponse();
    }
  }

  private async databaseIndicator() {
    const indicator = this.indicators.check('database');
    try {
      await this.database.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
