/**
 * Every code a problem's `errors[]` entry can carry: Zod's own issue codes, then the server's. The web
 * translates each one (`reasons.<code>` in `locales/<lang>/common.json`); a test checks all six languages.
 */
export const REASON_CODES = [
  // Zod
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  'not_multiple_of',
  // Fields
  'invalid_date',
  'too_many_decimals',
  'title_required',
  'not_json',
  'one_of',
  'unknown_country',
  'unknown_instrument',
  'unknown_organization',
  'unknown_project',
  'unknown_donor',
  'unknown_document',
  'before_start_date',
  // Uploaded and imported files
  'file_required',
  'file_empty',
  'file_too_large',
  'file_over_limit',
  'one_file_only',
  'archive_too_large',
  'text_too_long',
  'file_too_complex',
  'file_corrupt',
  'pdf_encrypted',
  'unsupported_file_type',
  'csv_or_xlsx',
  'not_xlsx',
  'not_csv',
  'column_not_in_file',
  'column_missing',
  'unknown_column',
  'no_rows',
  'too_many_rows',
  'not_whole_number',
  'yes_or_no',
  'organizer_required',
  'total_required',
  'duplicate_code',
  'own_organization_only',
  'changed_meanwhile',
  'not_your_mapping',
  'file_missing',
  'symbolic_link',
  'file_name_with_path',
  'file_not_in_folder',
  'file_language_required',
  'file_rejected',
  'same_file',
  // Library documents
  'subtype_not_one_of',
  'no_subtypes',
  'amends_itself',
  'before_adoption',
  'before_adoption_or_in_force',
  'must_be_country',
  // Activities
  'women_men_over_total',
  'professions_over_total',
  'country_twice',
  // Funding
  'usd_no_rate',
  'rate_exists',
  'state_required',
  'organization_name_required',
  'already_donor',
  'budget_currency_required',
  'project_code_taken',
  'donor_required',
  'project_required',
  'earmarked_project_required',
  'earmarked_theme_required',
  'earmarked_region_required',
  // Accounts
  'email_taken',
  'password_too_short',
  'password_too_long',
  'password_too_common',
  'scope_participant_required',
  'scope_organization_required',
  'scope_donor_needs_one',
  'scope_admin_unscoped',
  'unknown_participant',
  'only_donor_linked',
  'user_status',
  'password_mismatch',
  'not_own_account',
  'invitation_pending',
  'own_account',
  'not_an_email',
  'not_your_organization',
  'did_you_mean',
] as const;

/** A code of `REASON_CODES`. */
export type ReasonCode = (typeof REASON_CODES)[number];

/**
 * A refinement's message with the stable code clients translate it by: the error handler puts the code on
 * the problem's `errors[]` entry, as it does for Zod's own codes (`too_small`).
 */
export const coded = (code: ReasonCode, message: string) => ({ message, params: { code } });
