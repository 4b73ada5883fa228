import { serverHolder, THROWAWAY_MYSQL_KEY } from './global-setup';

/** Jest globalTeardown: stops the throwaway MySQL server started by globalSetup, if any. */
export default async function globalTeardown(): Promise<void> {
  const server = serverHolder[THROWAWAY_MYSQL_KEY];
  if (server === undefined) return;
  serverHolder[THROWAWAY_MYSQL_KEY] = undefined;
  await server.stop();
}
