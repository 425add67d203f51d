/**
 * A refinement's message with the stable code clients translate it by: the error handler puts the code on
 * the problem's `errors[]` entry, as it does for Zod's own codes (`too_small`).
 */
export const coded = (code: string, message: string) => ({ message, params: { code } });
