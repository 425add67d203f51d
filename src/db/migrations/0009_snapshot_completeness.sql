ALTER TABLE "snapshot_files" ADD COLUMN "complete" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Every UN Treaty Collection status table is the depositary's whole list; a generic actions file made
-- no such claim, so what it recorded stays partial until a complete list is imported.
UPDATE "snapshot_files" SET "complete" = true WHERE "snapshot_id" IN (SELECT "id" FROM "snapshots" WHERE "format" = 'untc');
