import { loadConfig } from '../config.js';
import { connect, migrateAndAnalyse } from './connect.js';

const config = loadConfig();
const db = connect(config.databaseUrl, { poolSize: 1 });
try {
  const applied = await migrateAndAnalyse(db);
  console.log(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
