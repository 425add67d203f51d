import { moduleErrors } from '../../../components/ModuleErrors.tsx';

export { errorAt } from '../../../components/ModuleErrors.tsx';

const programme = moduleErrors('programme');

export const useErrorMessage = programme.useErrorMessage;
export const useFieldErrors = programme.useFieldErrors;
export const ProgrammeErrorAlert = programme.ErrorAlert;
export const ProgrammeQueryState = programme.ModuleQueryState;
