/**
 * Suppression validation shared by the CLI and the synth-time guard. Wiring:
 *
 *   const { suppressions, problems } = validateSuppressions(value, source, { ruleIds });
 *   if (problems.length > 0) fail(problems); // each line already names the source and entry
 */
export { validateSuppressions, visibleText, isCalendarDate } from './validate';
export type { ValidSuppression, SuppressionValidation, ValidateOptions } from './validate';
