import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../core/security/roles';

/** A user of HTTP Basic authentication, as existing Zementis clients send it. */
@Entity({ name: 'api_users' })
export class ApiUserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_name', type: 'varchar', length: 100, unique: true })
  userName!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'simple-array' })
  roles!: Role[];

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
