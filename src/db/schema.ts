// Every module's tables, gathered for Drizzle (queries and migration generation).
export * from '../modules/participants/participants.table.ts';
export * from '../modules/instruments/instruments.table.ts';
export * from '../modules/status/status.table.ts';
export * from '../modules/accounts/accounts.table.ts';
export * from '../modules/audit/audit.table.ts';
export * from '../modules/library/library.table.ts';
export * from '../modules/programme/programme.table.ts';
