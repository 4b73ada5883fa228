// Every entity and migration of the service, in one list shared by the Nest app, the CLI and
// the TypeORM CLI (ormconfig.ts). Explicit imports work the same from ts-jest, ts-node and dist/.
import { ManagedObjectReferenceEntity } from '../../modules/devices/managed-object-reference.entity';
import { ManagedObjectEntity } from '../../modules/devices/managed-object.entity';
import { MeasurementSeriesEntity } from '../../modules/devices/measurement-series.entity';
import { MeasurementValueEntity } from '../../modules/devices/measurement-value.entity';
import { ExecutionLogEntity } from '../../modules/executions/execution-log.entity';
import { JobExecutionEntity } from '../../modules/executions/job-execution.entity';
import { IdempotencyKeyEntity } from '../../modules/jobs/idempotency-key.entity';
import { JobEntity } from '../../modules/jobs/job.entity';
import { ModelGroupEntity } from '../../modules/models/model-group.entity';
import { ModelSourcePartEntity } from '../../modules/models/model-source-part.entity';
import { ModelVersionEntity } from '../../modules/models/model-version.entity';
import { ModelEntity } from '../../modules/models/model.entity';
import { ApiUserEntity } from '../../modules/users/api-user.entity';
import { CreateApiUsers1763900000000 } from './migrations/1763900000000-create-api-users';
import { CreateModels1764000000000 } from './migrations/1764000000000-create-models';
import { CreateDevices1764100000000 } from './migrations/1764100000000-create-devices';
import { CreateJobs1764200000000 } from './migrations/1764200000000-create-jobs';
import { CreateExecutions1764300000000 } from './migrations/1764300000000-create-executions';

export const ENTITIES = [
  ApiUserEntity,
  ModelEntity,
  ModelVersionEntity,
  ModelSourcePartEntity,
  ModelGroupEntity,
  ManagedObjectEntity,
  ManagedObjectReferenceEntity,
  MeasurementSeriesEntity,
  MeasurementValueEntity,
  JobEntity,
  IdempotencyKeyEntity,
  JobExecutionEntity,
  ExecutionLogEntity,
];

export const MIGRATIONS = [
  CreateApiUsers1763900000000,
  CreateModels1764000000000,
  CreateDevices1764100000000,
  CreateJobs1764200000000,
  CreateExecutions1764300000000,
];
