/**
 * `@carebill/reports`: renders what `@carebill/core` computes — JSON, CSV, Excel
 * workbooks and PDFs — as text, bytes or into a stream; it writes no file itself. Each
 * part is also its own entry point, so a caller pays only for what it imports:
 * `@carebill/reports/json`, `/csv` (neither loads exceljs nor pdfmake), `/xlsx`, `/pdf`.
 */
export * from './csv.js';
export * from './json.js';
export * from './pdf.js';
export * from './xlsx.js';
