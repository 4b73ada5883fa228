import { Module } from '@nestjs/common';
import { DEVICE_DATA_SOURCE } from './device-data-source';
import { deviceDataSourceProvider } from './device-data-source.provider';
import { EmbeddedDataSource } from './embedded-data-source';
import { InventoryController } from './inventory.controller';
import { InventoryRepository } from './inventory.repository';
import { InventoryService } from './inventory.service';
import { MeasurementRetention } from './measurement-retention';
import { MeasurementsController } from './measurements.controller';
import { MeasurementsRepository } from './measurements.repository';
import { MeasurementsService } from './measurements.service';

@Module({
  controllers: [InventoryController, MeasurementsController],
  providers: [
    InventoryRepository,
    InventoryService,
    MeasurementsRepository,
    MeasurementsService,
    MeasurementRetention,
    EmbeddedDataSource,
    deviceDataSourceProvider,
  ],
  exports: [DEVICE_DATA_SOURCE],
})
export class DevicesModule {}
