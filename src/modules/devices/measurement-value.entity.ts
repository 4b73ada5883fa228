import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One value of one series of one device at one instant. The key (source, series, time) keeps a
 * device's series in time order on disk (it is the clustered key on both dialects), so reading
 * a window is a range scan; a value written again for the same instant replaces the old one.
 */
@Entity({ name: 'measurement_values', withoutRowid: true })
export class MeasurementValueEntity {
  @PrimaryColumn({ type: 'integer' })
  source!: number;

  @PrimaryColumn({ name: 'series_id', type: 'integer' })
  seriesId!: number;

  /** Milliseconds since 1970 (UTC); a double holds them exactly and both drivers return a number. */
  @PrimaryColumn({ type: 'double' })
  time!: number;

  @Column({ type: 'double' })
  value!: number;

  /** The measurement's type (`c8y_Acceleration`), '' when it had none. */
  @Column({ type: 'varchar', length: 255 })
  type!: string;

  @Column({ type: 'varchar', length: 64 })
  unit!: string;
}
