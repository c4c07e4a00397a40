/**
 * The large-print invoice (SPEC §4, after the UK large-print guidance of RNIB and the
 * UK Association for Accessible Formats): body text 18 pt, headings 22–24 pt, one plain
 * sans-serif face (Roboto), everything left-aligned in one column, no italics, no text
 * in capitals, labels and page numbers as large as the body. An amount, a date or an
 * invoice number never splits across lines (non-breaking spaces, `noWrap`), so each
 * charge is a stacked block of "label: value" lines rather than a narrow table.
 */
import type { DayRange, Invoice, InvoiceLine } from '@carebill/core';
import { paymentMethodLabel } from '../tables/labels.js';
import type { Content } from './engine.js';
import { MM, WINDOW } from './envelope.js';
import { issuerLines, periodOf, recipientLines } from './invoice-parts.js';
import type { Section } from './sections.js';
import { breakLongTokens, pdfDate, pdfMoney, unbreakable } from './text.js';

/** Body size in points: the guidance asks for at least 16, 18 preferred. */
export const LARGE_PRINT_BODY_PT = 18;
const HEADING_PT = 22;
const TITLE_PT = 26;
/** The address in the envelope window: 16 pt still fits a DL window's 35–45 mm height. */
const WINDOW_PT = 16;
const MARGIN = 20 * MM;
const LINE_HEIGHT = 1.15;

/**
 * The invoice as one section of a large-print document.
 *
 * @example sectionedDocument([largePrintInvoiceSection(invoice)], base)
 */
export function largePrintInvoiceSection(invoice: Invoice, billingPeriod?: DayRange): Section {
  const issuer = invoice.issuer;
  const homeName = issuer?.name || issuer?.companyName || '';
  const period = billingPeriod ?? periodOf(invoice);
  const contact = [issuer?.phone ? `Phone ${issuer.phone}` : '', issuer?.email ?? ''].filter(
    Boolean,
  );

  const content: Content[] = [
    {
      absolutePosition: { x: MARGIN, y: 12 * MM },
      width: 210 * MM - 2 * MARGIN,
      stack: [
        { text: breakLongTokens(homeName), fontSize: HEADING_PT, bold: true },
        ...contact.map((line) => breakLongTokens(line)),
      ],
    },
    {
      absolutePosition: { x: WINDOW.x, y: WINDOW.y },
      width: WINDOW.width,
      stack: recipientLines(invoice).map((line, index) => ({
        text: breakLongTokens(line),
        fontSize: WINDOW_PT,
        lineHeight: 1.05,
        bold: index === 0,
      })),
    },
    { text: '', margin: [0, 100 * MM - MARGIN, 0, 0] },
    { text: 'Invoice', fontSize: TITLE_PT, bold: true, margin: [0, 0, 0, 8] },
    pair('Invoice number', { text: invoice.number, noWrap: true }),
    pair('Account code', breakLongTokens(invoice.payer.accountCode || 'none')),
    pair('Date of invoice', pdfDate(invoice.issueDate)),
    pair('Please pay by', { text: pdfDate(invoice.dueDate), bold: true }),
    pair('For the period', `${pdfDate(period.from)} to ${pdfDate(period.to)}`),
    pair('Amount to pay', { text: pdfMoney(invoice.totalPence), bold: true, noWrap: true }),
    heading('What this invoice is for'),
    ...invoice.lines.map((line, index) => chargeBlock(line, index === invoice.lines.length - 1)),
    pair('Total to pay', { text: pdfMoney(invoice.totalPence), bold: true, noWrap: true }, 12),
    heading('How to pay'),
    pair('Payment method', paymentMethodLabel(invoice.payer.paymentMethod)),
    {
      text: largePrintText(invoice.paymentInstructions || 'Please contact us to arrange payment.'),
      margin: [0, 0, 0, 8],
    },
    {
      text: ['Please quote invoice number ', { text: invoice.number, noWrap: true }, '.'],
    },
    heading('Who this invoice is from'),
    ...issuerLines(invoice).map((line) => breakLongTokens(line)),
  ];

  return {
    content: { stack: content, fontSize: LARGE_PRINT_BODY_PT, lineHeight: LINE_HEIGHT },
    pageMargins: [MARGIN, MARGIN, MARGIN, 26 * MM],
    footer: (page, pages) => ({
      margin: [MARGIN, 8 * MM, MARGIN, 0],
      fontSize: LARGE_PRINT_BODY_PT,
      text: [
        `Page ${page} of ${pages}`,
        '   ',
        { text: `Invoice ${invoice.number}`, noWrap: true },
      ],
    }),
  };
}

/**
 * Free text for large print: long tokens may wrap, but digits joined by hyphens (a sort
 * code, an account number) stay on one line (U+2011, a non-breaking hyphen).
 */
function largePrintText(text: string): string {
  return breakLongTokens(text).replace(/(\d)-(?=\d)/g, '$1\u2011');
}

function heading(text: string): Content {
  return { text, fontSize: HEADING_PT, bold: true, margin: [0, 18, 0, 8] };
}

/** A "Label: value" line; the label as large as the value, bold, never in capitals. */
function pair(label: string, value: Content, marginTop = 0): Content {
  return {
    text: [{ text: `${label}: `, bold: true }, value],
    margin: [0, marginTop, 0, 4],
  };
}

/** One charge as a stacked block; kept on one page when it is short enough to fit. */
function chargeBlock(line: InvoiceLine, last: boolean): Content {
  const block: Content[] = [
    pair('Resident', breakLongTokens(line.label)),
    pair('Charge', largePrintText(line.description)),
    pair(
      'Dates',
      `${pdfDate(line.from)} to ${pdfDate(line.to)} (${unbreakable(`${line.days} days`)})`,
    ),
    pair('Amount', { text: pdfMoney(line.amountPence), bold: true, noWrap: true }),
  ];
  if (line.provisional) {
    block.push({ text: 'The end date of this stay is not yet final.', margin: [0, 0, 0, 4] });
  }
  return {
    stack: [
      ...block,
      {
        canvas: [{ type: 'line', x1: 0, y1: 4, x2: 170 * MM, y2: 4, lineWidth: last ? 0 : 0.8 }],
        margin: [0, 0, 0, 10],
      },
    ],
    // A short block never splits; a very long description may, rather than vanish.
    unbreakable: line.description.length + line.label.length < 400,
  };
}
