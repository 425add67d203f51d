CREATE TABLE "participant_aliases" (
	"key" text PRIMARY KEY NOT NULL,
	"alias" text NOT NULL,
	"participant_id" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "participant_translations" (
	"participant_id" text NOT NULL,
	"lang" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "participant_translations_participant_id_lang_pk" PRIMARY KEY("participant_id","lang"),
	CONSTRAINT "participant_translations_lang_check" CHECK ("participant_translations"."lang" in ('ar', 'zh', 'en', 'fr', 'ru', 'es'))
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" text PRIMARY KEY NOT NULL,
	"iso3" text,
	"iso2" text,
	"m49" text,
	"kind" text NOT NULL,
	"region_m49" text,
	"subregion_m49" text,
	"intermediate_region_m49" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "region_translations" (
	"region_m49" text NOT NULL,
	"lang" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "region_translations_region_m49_lang_pk" PRIMARY KEY("region_m49","lang"),
	CONSTRAINT "region_translations_lang_check" CHECK ("region_translations"."lang" in ('ar', 'zh', 'en', 'fr', 'ru', 'es'))
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"m49" text PRIMARY KEY NOT NULL,
	"parent_m49" text,
	"level" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instrument_translations" (
	"instrument_id" text NOT NULL,
	"lang" text NOT NULL,
	"title" text,
	"short_name" text,
	CONSTRAINT "instrument_translations_instrument_id_lang_pk" PRIMARY KEY("instrument_id","lang"),
	CONSTRAINT "instrument_translations_lang_check" CHECK ("instrument_translations"."lang" in ('ar', 'zh', 'en', 'fr', 'ru', 'es'))
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"id" text PRIMARY KEY NOT NULL,
	"sort_order" integer NOT NULL,
	"untc_no" text,
	"adopted_date" date NOT NULL,
	"adopted_place" text,
	"entry_into_force_date" date,
	"depositary" text NOT NULL,
	"depositary_codes" text[] NOT NULL,
	"eif_instruments_required" integer,
	"eif_days_after" integer,
	"eif_days_after_later_joiners" integer,
	"eif_rule_kind" text NOT NULL,
	"eif_rule_en" text NOT NULL,
	"family" text NOT NULL,
	"parent_id" text,
	"relation_to_parent" text,
	"ct_set_first_counted" integer,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snapshot_files" (
	"snapshot_id" text NOT NULL,
	"instrument_id" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"row_count" integer NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "snapshot_files_snapshot_id_instrument_id_pk" PRIMARY KEY("snapshot_id","instrument_id")
);
--> statement-breakpoint
CREATE TABLE "snapshots" (
	"id" text PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"as_of" date NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"snapshot_id" text NOT NULL,
	"detected_at" timestamp with time zone NOT NULL,
	"instrument_id" text NOT NULL,
	"participant_id" text NOT NULL,
	"action_key" text NOT NULL,
	"change" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "status_data_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treaty_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"instrument_id" text NOT NULL,
	"participant_id" text NOT NULL,
	"action_key" text NOT NULL,
	"type" text NOT NULL,
	"date" date NOT NULL,
	"effective_date" date,
	"text" text,
	"notification_ref" text,
	"raw_value" text,
	"first_snapshot_id" text NOT NULL,
	"last_snapshot_id" text NOT NULL,
	"review_status" text DEFAULT 'current' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participant_aliases" ADD CONSTRAINT "participant_aliases_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participant_translations" ADD CONSTRAINT "participant_translations_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_region_m49_regions_m49_fk" FOREIGN KEY ("region_m49") REFERENCES "public"."regions"("m49") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_subregion_m49_regions_m49_fk" FOREIGN KEY ("subregion_m49") REFERENCES "public"."regions"("m49") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_intermediate_region_m49_regions_m49_fk" FOREIGN KEY ("intermediate_region_m49") REFERENCES "public"."regions"("m49") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_translations" ADD CONSTRAINT "region_translations_region_m49_regions_m49_fk" FOREIGN KEY ("region_m49") REFERENCES "public"."regions"("m49") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instrument_translations" ADD CONSTRAINT "instrument_translations_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_files" ADD CONSTRAINT "snapshot_files_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snapshot_files" ADD CONSTRAINT "snapshot_files_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_snapshot_id_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treaty_actions" ADD CONSTRAINT "treaty_actions_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treaty_actions" ADD CONSTRAINT "treaty_actions_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treaty_actions" ADD CONSTRAINT "treaty_actions_first_snapshot_id_snapshots_id_fk" FOREIGN KEY ("first_snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treaty_actions" ADD CONSTRAINT "treaty_actions_last_snapshot_id_snapshots_id_fk" FOREIGN KEY ("last_snapshot_id") REFERENCES "public"."snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "participant_aliases_participant_idx" ON "participant_aliases" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "participants_region_idx" ON "participants" USING btree ("region_m49");--> statement-breakpoint
CREATE INDEX "status_changes_instrument_idx" ON "status_changes" USING btree ("instrument_id","id");--> statement-breakpoint
CREATE INDEX "status_changes_participant_idx" ON "status_changes" USING btree ("participant_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "treaty_actions_key_idx" ON "treaty_actions" USING btree ("instrument_id","participant_id","action_key");--> statement-breakpoint
CREATE INDEX "treaty_actions_participant_idx" ON "treaty_actions" USING btree ("participant_id");