import { moduleErrors } from '../../../components/ModuleErrors.tsx';

const library = moduleErrors('library');

export const useErrorMessage = library.useErrorMessage;
export const useFieldErrors = library.useFieldErrors;
export const LibraryErrorAlert = library.ErrorAlert;
export const LibraryQueryState = library.ModuleQueryState;
