/**
 * Bump whenever a rule changes: results are cached by (sha256, EXTRACTOR_VERSION). A module of its
 * own so that the run can key its cache without loading the rules, pdf.js or the OCR engine.
 */
export const EXTRACTOR_VERSION = "1.9.0";
