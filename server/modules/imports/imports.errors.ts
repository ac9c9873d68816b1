import { defineErrors } from '../../platform/errors.js';

/** The codes the imports module answers with, each with its one HTTP status. */
export const errors = defineErrors('imports', {
  IMPORT_FILE_TOO_LARGE: { status: 413, message: 'The file is larger than an import accepts.' },
  IMPORT_FILE_EMPTY: { status: 400, message: 'The file is empty or has no header row.' },
  IMPORT_ENCODING_UNSUPPORTED: { status: 415, message: 'The file is not text in a known encoding (UTF-8, UTF-16 or Windows-1252). Save it as CSV UTF-8 and upload it again.' },
  IMPORT_XLSX_INVALID: { status: 422, message: 'The file is not a readable Excel workbook (.xlsx). Open it in a spreadsheet and save it again as .xlsx or as CSV UTF-8.' },
  IMPORT_XLSX_TOO_LARGE: { status: 413, message: 'The workbook expands to more than an import accepts (or is compressed like a zip bomb). Save it as CSV UTF-8, or split it, and upload it again.' },
  IMPORT_TOO_MANY_COLUMNS: { status: 422, message: 'The file has more columns than an import accepts.' },
  IMPORT_REQUIRED_COLUMN_MISSING: { status: 422, message: 'The mapping leaves required fields without a column of the file.' },
  IMPORT_MAPPING_INVALID: { status: 400, message: 'The mapping names a column the file does not have.' },
  IMPORT_FILE_NOT_FOUND: { status: 404, message: 'The uploaded file was not found.' },
  IMPORT_FILE_REMOVED: { status: 410, message: 'The uploaded file was removed when its import ended, or 7 days after its upload or its last run when no import followed. Upload it again to import it again.' },
  IMPORT_RUN_NOT_FOUND: { status: 404, message: 'The import was not found.' },
  IMPORT_RUN_FINISHED: { status: 409, message: 'The import has already finished.' },
  IMPORT_DUPLICATE_NOT_FOUND: { status: 404, message: 'The possible duplicate was not found in this import.' },
  IMPORT_DUPLICATE_NOT_IMPORTED: { status: 409, message: 'Only the possible duplicates of a finished import are reviewed: a dry run creates no one.' },
  IMPORT_OFFICE_REQUIRED: { status: 400, message: 'Choose the office the cases are imported for.' },
});
