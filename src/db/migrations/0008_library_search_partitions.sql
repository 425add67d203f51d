-- The search table is split into four partitions by document, so that a search can read them side by
-- side on separate connections (postgres-search.ts): a common word matching a third of a large
-- library is counted, faceted and ranked in a quarter of the time per partition. Rows keep their
-- table name, key and columns; indexes are built once the rows are in.
ALTER TABLE "library_search" RENAME TO "library_search_unpartitioned";--> statement-breakpoint
ALTER TABLE "library_search_unpartitioned" RENAME CONSTRAINT "library_search_document_id_lang_pk" TO "library_search_unpartitioned_pk";--> statement-breakpoint
CREATE TABLE "library_search" (LIKE "library_search_unpartitioned" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMPRESSION INCLUDING STORAGE)
  PARTITION BY HASH ("document_id");--> statement-breakpoint
CREATE TABLE "library_search_p0" PARTITION OF "library_search" FOR VALUES WITH (MODULUS 4, REMAINDER 0);--> statement-breakpoint
CREATE TABLE "library_search_p1" PARTITION OF "library_search" FOR VALUES WITH (MODULUS 4, REMAINDER 1);--> statement-breakpoint
CREATE TABLE "library_search_p2" PARTITION OF "library_search" FOR VALUES WITH (MODULUS 4, REMAINDER 2);--> statement-breakpoint
CREATE TABLE "library_search_p3" PARTITION OF "library_search" FOR VALUES WITH (MODULUS 4, REMAINDER 3);--> statement-breakpoint
INSERT INTO "library_search" SELECT * FROM "library_search_unpartitioned";--> statement-breakpoint
DROP TABLE "library_search_unpartitioned";--> statement-breakpoint
ALTER TABLE "library_search" ADD CONSTRAINT "library_search_document_id_lang_pk" PRIMARY KEY ("document_id", "lang");--> statement-breakpoint
ALTER TABLE "library_search" ADD CONSTRAINT "library_search_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "library_search_vector_idx" ON "library_search" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "library_search_fuzzy_idx" ON "library_search" USING gin ("fuzzy_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "library_search_sort_idx" ON "library_search" USING btree ("sort_date");--> statement-breakpoint
CREATE INDEX "library_search_country_idx" ON "library_search" USING btree ("country_id");--> statement-breakpoint
CREATE INDEX "library_search_version_idx" ON "library_search" USING btree ("index_version");
