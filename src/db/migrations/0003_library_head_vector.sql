ALTER TABLE "library_search" ADD COLUMN "head_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
-- Entries indexed before this column existed get it from their ranking vector (titles are weight A, metadata B).
UPDATE "library_search" SET "head_vector" = ts_filter("rank_vector", '{a,b}');
