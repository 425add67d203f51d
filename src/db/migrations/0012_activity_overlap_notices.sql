-- Pairs of close activities of two organisations whose programme officers were mailed, so that a pair is
-- mailed once and not again on every later edit of either activity.
CREATE TABLE "activity_overlap_notices" (
	"first_activity_id" uuid NOT NULL,
	"second_activity_id" uuid NOT NULL,
	"notified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "activity_overlap_notices_first_activity_id_second_activity_id_pk" PRIMARY KEY("first_activity_id","second_activity_id"),
	CONSTRAINT "activity_overlap_notices_order_check" CHECK ("activity_overlap_notices"."first_activity_id" < "activity_overlap_notices"."second_activity_id")
);
--> statement-breakpoint
ALTER TABLE "activity_overlap_notices" ADD CONSTRAINT "activity_overlap_notices_first_activity_id_activities_id_fk" FOREIGN KEY ("first_activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_overlap_notices" ADD CONSTRAINT "activity_overlap_notices_second_activity_id_activities_id_fk" FOREIGN KEY ("second_activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_overlap_notices_second_idx" ON "activity_overlap_notices" USING btree ("second_activity_id");