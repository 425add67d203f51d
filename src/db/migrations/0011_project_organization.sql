-- A project names its responsible organisation by id, as an activity does, instead of by free text.
-- Each name is matched to an organisation without regard to case; a name no organisation carries
-- becomes an organisation of kind "other", so that no project loses what it said.
ALTER TABLE "projects" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
INSERT INTO "organizations" ("name", "kind")
  SELECT DISTINCT ON (lower(p."organization")) p."organization", 'other' FROM "projects" p
  WHERE NOT EXISTS (SELECT 1 FROM "organizations" o WHERE lower(o."name") = lower(p."organization") AND o."deleted_at" IS NULL)
  ORDER BY lower(p."organization"), p."organization";--> statement-breakpoint
UPDATE "projects" p SET "organization_id" = (
  SELECT o."id" FROM "organizations" o WHERE lower(o."name") = lower(p."organization") AND o."deleted_at" IS NULL ORDER BY o."created_at", o."id" LIMIT 1
);--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "organization_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "organization";
