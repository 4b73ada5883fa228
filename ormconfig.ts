// The TypeORM CLI's data source (`npm run migration:run`, `migration:revert`): the same options
// as the service, from the same environment variables.
import 'dotenv/config';
import { DataSource } from 'typeorm';
import { loadAppConfig } from './src/core/config/app-config';
import { dataSourceOptions } from './src/core/database/data-source-options';

export default new DataSource(dataSourceOptions(loadAppConfig(process.env).database));
