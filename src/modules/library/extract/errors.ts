import { AppError } from '../../../lib/errors.ts';

const ACCEPTED = 'Accepted types are PDF, DOCX, HTML, TXT and Markdown (.md).';

const fileError = (status: number, code: string, message: string, reason: string) =>
  new AppError({ status, code, message, problems: [{ field: 'file', reason }] });

export const fileEmpty = () =>
  fileError(422, 'library.file_empty', 'The file is empty. Upload a file that contains the document text.', 'File has no content.');

export const unsupportedFileType = (reason: string) =>
  fileError(415, 'library.unsupported_file_type', `This type of file is not supported. ${ACCEPTED}`, reason);

export const fileCorrupt = (label: 'PDF' | 'DOCX') =>
  fileError(
    422,
    'library.file_corrupt',
    `The ${label} file is damaged or incomplete and cannot be read. Open it on your computer, save it again and upload the new copy.`,
    `${label} could not be parsed.`,
  );

export const pdfEncrypted = () =>
  fileError(
    422,
    'library.pdf_encrypted',
    'The PDF is protected by a password. Remove the password (or save an unprotected copy) and upload it again.',
    'PDF is encrypted.',
  );
