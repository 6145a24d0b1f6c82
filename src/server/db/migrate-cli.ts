import { loadConfig } from '../config';
import { connect } from './connect';
import { migrateToLatest } from './migrations';

// `npm run db:migrate`: bring the configured database to the latest schema and stop.
const config = loadConfig();
const database = connect(config.databaseUrl);
const applied = await migrateToLatest(database.db, database.dialect);
console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date');
await database.close();
