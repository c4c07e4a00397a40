export { renderRunwayJson } from './json.js';
export { renderRunwayPdf } from './pdf.js';
export { keyDateSentences, poundsInWords } from './words.js';
export { excelDate, writeRunwayWorkbook } from './workbook.js';
