/**
 * Fail-closed reading of Terraform JSON input (docs/fail-closed.md). Wiring into the engine:
 *
 *   const text = readInputFile(path, { maxBytes });          // InputFileError: one line
 *   const { kind, document } = readTerraformDocument(path, text); // TerraformJsonError: one line
 *
 * Both errors carry `file` and `problem` (one line without the file name).
 */
export { readTerraformDocument, TerraformJsonError, CONFIG_KEYS } from './document';
export type { ReadDocument, DocumentKind } from './document';
export { normalizeTerraformConfig } from './config';
export { validatePlanShape, validateConfigShape, SUPPORTED_PLAN_FORMAT_MAJORS } from './shape';
export { refuseWideIntegers, POLICY_CHECKED_TYPES } from './numbers';
export { parseJsonStrict, parseJsonTree, treeFromValue, JsonReadError, SourceText, formatPath, DEFAULT_MAX_DEPTH } from './strict-json';
export type { JsonNode, JsonEntry, JsonPath, Position, WideInteger } from './strict-json';
export {
  readInputFile,
  maxInputBytes,
  InputFileError,
  DEFAULT_MAX_INPUT_BYTES,
  MAX_INPUT_FLAG,
  MAX_INPUT_ENV,
} from './read-input-file';
