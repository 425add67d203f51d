-- A donor user reads what its donor record's contributions funded: the link is kept on the user. Users
-- who had the donor role before this migration have no link, and read nothing until an administrator
-- sets one.
ALTER TABLE "users" ADD COLUMN "donor_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_donor_id_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."donors"("id") ON DELETE no action ON UPDATE no action;
