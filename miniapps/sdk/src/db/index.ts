/**
 * `@app/miniapp-sdk/db`: a mini-program backend's own database (Node only). Tables in the app's own Postgres schema
 * `app_<name>` (or an embedded PGlite), checked-in drizzle-kit migrations applied at open, and the server kit's
 * stores (sessions, applied webhook events) on it. See docs/adr/0006-app-owned-databases.md.
 */
export { appSchema, appSchemaName, kitTables, type KitTables } from './tables';
export { openAppDatabase, type AppDatabase, type AppDb, type AppTx, type OpenAppDatabaseOptions } from './open';
export { migrateAppSchema, MIGRATIONS_TABLE } from './migrate';
export { drizzleSessionStore, drizzleWebhookEvents } from './stores';
