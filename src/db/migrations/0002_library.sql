-- Trigram matching for typo-tolerant search on titles and country names (a trusted extension since PostgreSQL 13).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "library_document_titles" (
	"document_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"title" text NOT NULL,
	CONSTRAINT "library_document_titles_document_id_lang_pk" PRIMARY KEY("document_id","lang"),
	CONSTRAINT "library_document_titles_lang_check" CHECK ("library_document_titles"."lang" in ('ar', 'zh', 'en', 'fr', 'ru', 'es'))
);
--> statement-breakpoint
CREATE TABLE "library_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uri" text NOT NULL,
	"kind" text NOT NULL,
	"subtype" text,
	"country_id" text,
	"organization" text,
	"owner_organization_id" uuid,
	"symbol" text,
	"number" text,
	"court" text,
	"case_number" text,
	"parties" text,
	"decision_date" date,
	"adopted_date" date,
	"published_date" date,
	"in_force_date" date,
	"repealed_date" date,
	"status" text,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"source" text,
	"official_url" text,
	"visibility" text DEFAULT 'public' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "library_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"type" text NOT NULL,
	"date" date NOT NULL,
	"by_document_id" uuid,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "library_expressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"version_date" date NOT NULL,
	"file_id" uuid,
	"text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_expressions_lang_check" CHECK ("library_expressions"."lang" in ('ar', 'zh', 'en', 'fr', 'ru', 'es'))
);
--> statement-breakpoint
CREATE TABLE "library_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"file_type" text NOT NULL,
	"filename" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_instrument_links" (
	"document_id" uuid NOT NULL,
	"instrument_id" text NOT NULL,
	"article" text DEFAULT '' NOT NULL,
	"note" text,
	CONSTRAINT "library_instrument_links_document_id_instrument_id_article_pk" PRIMARY KEY("document_id","instrument_id","article")
);
--> statement-breakpoint
CREATE TABLE "library_references" (
	"document_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "library_references_document_id_kind_value_pk" PRIMARY KEY("document_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "library_search" (
	"document_id" uuid NOT NULL,
	"lang" text NOT NULL,
	"config" text NOT NULL,
	"title" text NOT NULL,
	"fuzzy_text" text NOT NULL,
	"body" text NOT NULL,
	"vector" "tsvector" NOT NULL,
	"rank_vector" "tsvector" NOT NULL,
	"country_id" text,
	"region_m49" text,
	"subregion_m49" text,
	"kind" text NOT NULL,
	"categories" text[] NOT NULL,
	"themes" text[] NOT NULL,
	"instruments" text[] NOT NULL,
	"status" text,
	"year" integer,
	"sort_date" date,
	"visibility" text NOT NULL,
	"owner_organization_id" uuid,
	CONSTRAINT "library_search_document_id_lang_pk" PRIMARY KEY("document_id","lang")
);
--> statement-breakpoint
ALTER TABLE "library_document_titles" ADD CONSTRAINT "library_document_titles_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_documents" ADD CONSTRAINT "library_documents_country_id_participants_id_fk" FOREIGN KEY ("country_id") REFERENCES "public"."participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_documents" ADD CONSTRAINT "library_documents_owner_organization_id_organizations_id_fk" FOREIGN KEY ("owner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_documents" ADD CONSTRAINT "library_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_events" ADD CONSTRAINT "library_events_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_events" ADD CONSTRAINT "library_events_by_document_id_library_documents_id_fk" FOREIGN KEY ("by_document_id") REFERENCES "public"."library_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_expressions" ADD CONSTRAINT "library_expressions_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_expressions" ADD CONSTRAINT "library_expressions_file_id_library_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."library_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_files" ADD CONSTRAINT "library_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_instrument_links" ADD CONSTRAINT "library_instrument_links_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_instrument_links" ADD CONSTRAINT "library_instrument_links_instrument_id_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_references" ADD CONSTRAINT "library_references_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_search" ADD CONSTRAINT "library_search_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "library_documents_uri_idx" ON "library_documents" USING btree ("uri");--> statement-breakpoint
CREATE INDEX "library_documents_country_idx" ON "library_documents" USING btree ("country_id");--> statement-breakpoint
CREATE INDEX "library_documents_symbol_idx" ON "library_documents" USING btree ("symbol");--> statement-breakpoint
CREATE INDEX "library_documents_updated_idx" ON "library_documents" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "library_events_document_idx" ON "library_events" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "library_events_by_idx" ON "library_events" USING btree ("by_document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "library_expressions_version_idx" ON "library_expressions" USING btree ("document_id","lang","version_date");--> statement-breakpoint
CREATE INDEX "library_instrument_links_instrument_idx" ON "library_instrument_links" USING btree ("instrument_id");--> statement-breakpoint
CREATE INDEX "library_references_value_idx" ON "library_references" USING btree ("kind","value");--> statement-breakpoint
CREATE INDEX "library_search_vector_idx" ON "library_search" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "library_search_fuzzy_idx" ON "library_search" USING gin ("fuzzy_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "library_search_sort_idx" ON "library_search" USING btree ("sort_date");--> statement-breakpoint
CREATE INDEX "library_search_country_idx" ON "library_search" USING btree ("country_id");