import { z } from 'zod';
import { LANGUAGES } from './languages.ts';

/** Zod schemas every module's API shares: dates, language and format parameters, problem details. */

export const isoDate = z.string().describe('Date as YYYY-MM-DD');
export const langParam = z
  .enum(LANGUAGES)
  .optional()
  .describe('Language of names and titles (ar, zh, en, fr, ru, es); default from Accept-Language, then English');
export const formatParam = z
  .enum(['json', 'csv', 'xlsx'])
  .default('json')
  .describe('json, or a spreadsheet download (csv, xlsx)');
export const namesSchema = z.record(z.string(), z.string()).describe('Name per language code');

export const problemSchema = z.object({
  type: z.string().describe('URI identifying the problem type'),
  title: z.string().describe('Short summary of the problem type'),
  status: z.number().int().describe('HTTP status code'),
  detail: z.string().describe('What went wrong in this case'),
  code: z.string().describe('Stable error code for clients to translate'),
  errors: z
    .array(
      z.object({
        field: z.string().optional(),
        file: z.string().optional(),
        line: z.number().optional(),
        reason: z.string().describe('Why, in English'),
        code: z
          .string()
          .optional()
          .describe('Stable code of the reason, to translate (too_small, invalid_date, unknown_country…)'),
        params: z
          .record(z.string(), z.union([z.string(), z.number()]))
          .optional()
          .describe('Values of the reason (minimum, maximum, value…)'),
      }),
    )
    .describe('Each invalid field and why'),
});

export type Problem = z.infer<typeof problemSchema>;
