import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '../../core/security/roles';

/** A user of HTTP Basic authentication, as existing Zementis clients send it. */
@Entity({ name: 'api_users' })
export class ApiUserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('UQ_api_users_user_name', { unique: true })
  @Column({ name: 'user_name', type: 'varchar', length: 100 })
  userName!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'simple-array' })
  roles!: Role[];

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
