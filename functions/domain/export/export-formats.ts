/**
 * The zip and spreadsheet libraries, loaded on first use: only the routes that build or read an
 * export package pay for them, and the bundler puts them in chunks of their own (see
 * infra/constructs/lethe-bundling.ts), out of every function's start-up code.
 */
export const loadJSZip = async () => (await import('jszip')).default;
export const loadExcelJS = async () => (await import('exceljs')).default;
