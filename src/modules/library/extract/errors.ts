import { AppError, because, type FieldProblem } from '../../../lib/errors.ts';

const ACCEPTED = 'Accepted types are PDF, DOCX, HTML, TXT and Markdown (.md).';

const fileError = (status: number, code: string, message: string, reason: FieldProblem) =>
  new AppError({ status, code, message, problems: [{ field: 'file', ...reason }] });

export const fileEmpty = () =>
  fileError(
    422,
    'library.file_empty',
    'The file is empty. Upload a file that contains the document text.',
    because('file_empty', 'File has no content.'),
  );

export const unsupportedFileType = (reason: string) =>
  fileError(
    415,
    'library.unsupported_file_type',
    `This type of file is not supported. ${ACCEPTED}`,
    because('unsupported_file_type', reason),
  );

export const fileCorrupt = (label: 'PDF' | 'DOCX') =>
  fileError(
    422,
    'library.file_corrupt',
    `The ${label} file is damaged or incomplete and cannot be read. Open it on your computer, save it again and upload the new copy.`,
    because('file_corrupt', `${label} could not be parsed.`, { format: label }),
  );

export const pdfEncrypted = () =>
  fileError(
    422,
    'library.pdf_encrypted',
    'The PDF is protected by a password. Remove the password (or save an unprotected copy) and upload it again.',
    because('pdf_encrypted', 'PDF is encrypted.'),
  );

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

export const archiveTooLarge = (label: 'DOCX', limit: number) =>
  fileError(
    413,
    'library.archive_too_large',
    `The ${label} file unpacks to more than ${megabytes(limit)}, the most the library reads from one file. Split the document into smaller files.`,
    because('archive_too_large', `Unpacked contents exceed the limit of ${limit} bytes (LEXPACT_MAX_EXTRACTED_MB).`, {
      maximum: Math.round((limit / 1_048_576) * 10) / 10,
    }),
  );

export const textTooLong = (limit: number) =>
  fileError(
    413,
    'library.text_too_long',
    `The text of the file is longer than ${limit.toLocaleString('en')} characters, the most the library keeps for one file. Split the document into smaller files.`,
    because('text_too_long', `Extracted text exceeds the limit of ${limit} characters (LEXPACT_MAX_TEXT_CHARS).`, {
      maximum: limit,
    }),
  );

export const fileTooComplex = () =>
  fileError(
    413,
    'library.file_too_complex',
    'Reading the text of this file needs more memory than the server allows. Split the document into smaller files.',
    because('file_too_complex', 'Text extraction ran out of memory.'),
  );
