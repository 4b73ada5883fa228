// Every entity and migration of the service, in one list shared by the Nest app, the CLI and
// the TypeORM CLI (ormconfig.ts). Explicit imports work the same from ts-jest, ts-node and dist/.
import { ApiUserEntity } from '../../modules/users/api-user.entity';
import { CreateApiUsers1763900000000 } from './migrations/1763900000000-create-api-users';

export const ENTITIES = [ApiUserEntity];

export const MIGRATIONS = [CreateApiUsers1763900000000];
