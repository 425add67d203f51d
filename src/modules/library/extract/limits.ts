/** How much one file may make the server read: set with LEXPACT_MAX_EXTRACTED_MB and LEXPACT_MAX_TEXT_CHARS. */
export interface ExtractionLimits {
  /** Most bytes unpacked from an archive-based file (DOCX), all its parts together. */
  maxExtractedBytes: number;
  /** Longest text kept for one file, in characters (UTF-16 code units). */
  maxTextChars: number;
}

/**
 * 100 MB unpacked: twice the default upload limit, so a DOCX under that limit whose bulk is images
 * (which do not shrink when zipped) always fits with its text, while Word XML, which zips 5–20 times,
 * would need thousands of pages to reach it; a 300 KB bomb that unpacks to 300 MB is stopped there.
 * 5 million characters: about 2,500 pages, beyond the longest codes and reports a legal library holds
 * (search indexes the first 400,000 characters of a text anyway).
 */
export const DEFAULT_EXTRACTION_LIMITS: ExtractionLimits = {
  maxExtractedBytes: 100 * 1_048_576,
  maxTextChars: 5_000_000,
};
