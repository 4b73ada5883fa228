import { type INestApplicationContext, Logger } from '@nestjs/common';
import { DatabaseService } from '../../core/database/database.service';
import { demoSeederOf } from './demo-seeder';
import { demoInstructions, type InstructionsOptions } from './demo-summary';

// A database that comes up later than this is left alone: the demo is a convenience.
const DATABASE_WAIT_MS = 10 * 60 * 1000;

/**
 * DEMO_DATA=true: seeds the demo in the running service once its database is ready, between
 * requests, then prints how to try it. A failure is logged; the service keeps running.
 */
export async function seedDemoOnStart(
  app: INestApplicationContext,
  instructions: InstructionsOptions,
): Promise<void> {
  const logger = new Logger('DemoData');
  try {
    await app.get(DatabaseService).whenReady(DATABASE_WAIT_MS);
    const started = Date.now();
    const summary = await demoSeederOf(app).seed({ progress: (message) => logger.log(message) });
    logger.log(`demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    process.stdout.write(`\n${demoInstructions(summary, instructions).join('\n')}\n\n`);
  } catch (error) {
    logger.error(
      { err: error },
      `seeding the demo data failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
