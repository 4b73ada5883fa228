import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A fragment and series (`c8y_Acceleration` / `accelerationX`), numbered once for all devices. */
@Entity({ name: 'measurement_series' })
@Index('UQ_measurement_series_fragment_series', ['fragment', 'series'], { unique: true })
export class MeasurementSeriesEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  fragment!: string;

  @Column({ type: 'varchar', length: 255 })
  series!: string;
}
