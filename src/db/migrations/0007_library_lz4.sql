-- Long texts and search vectors are compressed with lz4 where the server has it: several times faster
-- than the default (pglz) when documents are imported in bulk. The embedded database lacks lz4 and
-- keeps the default; values already stored keep their compression until they are rewritten.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)) THEN
    ALTER TABLE "library_expressions" ALTER COLUMN "text" SET COMPRESSION lz4;
    ALTER TABLE "library_search" ALTER COLUMN "body" SET COMPRESSION lz4;
    ALTER TABLE "library_search" ALTER COLUMN "vector" SET COMPRESSION lz4;
    ALTER TABLE "library_search" ALTER COLUMN "rank_vector" SET COMPRESSION lz4;
  END IF;
END $$;
