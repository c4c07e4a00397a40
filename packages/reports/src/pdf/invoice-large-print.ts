/**
 * The large-print invoice (SPEC §4, after the UK large-print guidance of RNIB and the
 * UK Association for Accessible Formats): body text 18 pt, headings 22–24 pt, one plain
 * sans-serif face (Roboto), everything left-aligned in one column, no italics, no text
 * in capitals, labels and page numbers as large as the body. An amount, a date or an
 * invoice number never splits across lines (non-breaking spaces, `noWrap`), so each
 * charge is a stacked block of "label: value" lines rather than a narrow table.
 * Adjustments to earlier periods (SPEC §10) follow the period's own charges under their
 * own heading; a credit note is titled "Credit note" and says how the credit will be used
 * instead of how to pay.
 */
import type { Day, DayRange, Invoice, InvoiceLine } from '@carebill/core';
import { splitLines } from '../tables/adjustments.js';
import { paymentMethodLabel } from '../tables/labels.js';
import type { Content } from './engine.js';
import { MM, WINDOW } from './envelope.js';
import {
  ADJUSTMENTS_EXPLAINED,
  creditWording,
  documentTitle,
  issuerLines,
  NOTHING_TO_PAY,
  periodOf,
  recipientLines,
} from './invoice-parts.js';
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
  const credit = invoice.kind === 'credit_note';
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
    { text: documentTitle(invoice), fontSize: TITLE_PT, bold: true, margin: [0, 0, 0, 8] },
    ...(credit ? creditDetails(invoice) : invoiceDetails(invoice, period)),
    ...linesContent(invoice),
    ...(credit ? creditContent(invoice) : paymentContent(invoice)),
    heading(`Who this ${credit ? 'credit note' : 'invoice'} is from`),
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
        { text: `${documentTitle(invoice)} ${invoice.number}`, noWrap: true },
      ],
    }),
  };
}

type Period = { readonly from: Day; readonly to: Day };

function invoiceDetails(invoice: Invoice, period: Period): Content[] {
  return [
    pair('Invoice number', { text: invoice.number, noWrap: true }),
    pair('Account code', breakLongTokens(invoice.payer.accountCode || 'none')),
    pair('Date of invoice', pdfDate(invoice.issueDate)),
    ...(invoice.totalPence === 0
      ? []
      : [pair('Please pay by', { text: pdfDate(invoice.dueDate), bold: true })]),
    pair('For the period', `${pdfDate(period.from)} to ${pdfDate(period.to)}`),
    pair('Amount to pay', { text: pdfMoney(invoice.totalPence), bold: true, noWrap: true }),
  ];
}

/** A credit note's details: no period (its blocks name the periods it adjusts), no due date. */
function creditDetails(invoice: Invoice): Content[] {
  return [
    pair('Credit note number', { text: invoice.number, noWrap: true }),
    pair('Account code', breakLongTokens(invoice.payer.accountCode || 'none')),
    pair('Date of credit note', pdfDate(invoice.issueDate)),
    pair('Amount of credit', { text: pdfMoney(-invoice.totalPence), bold: true, noWrap: true }),
  ];
}

/**
 * The period's own charges, then the adjustments to earlier periods under their own
 * heading, then the total to pay (or the credit).
 */
function linesContent(invoice: Invoice): Content[] {
  const credit = invoice.kind === 'credit_note';
  const { own, adjustments } = splitLines(invoice);
  const content: Content[] = [];
  if (own.length > 0 || adjustments.length === 0) {
    content.push(
      heading(`What this ${credit ? 'credit note' : 'invoice'} is for`),
      ...own.map((line, index) => chargeBlock(line, index === own.length - 1)),
    );
  }
  if (adjustments.length > 0) {
    content.push(
      heading('Adjustments to earlier periods'),
      { text: largePrintText(ADJUSTMENTS_EXPLAINED), margin: [0, 0, 0, 10] },
      ...adjustments.map((line, index) => adjustmentBlock(line, index === adjustments.length - 1)),
    );
  }
  content.push(
    credit
      ? pair('Total credit', { text: pdfMoney(-invoice.totalPence), bold: true, noWrap: true }, 12)
      : pair('Total to pay', { text: pdfMoney(invoice.totalPence), bold: true, noWrap: true }, 12),
  );
  return content;
}

function paymentContent(invoice: Invoice): Content[] {
  if (invoice.totalPence === 0) {
    return [
      heading('Nothing to pay'),
      { text: NOTHING_TO_PAY, margin: [0, 0, 0, 8] },
      { text: ['Please quote invoice number ', { text: invoice.number, noWrap: true }, '.'] },
    ];
  }
  return [
    heading('How to pay'),
    pair('Payment method', paymentMethodLabel(invoice.payer.paymentMethod)),
    {
      text: largePrintText(invoice.paymentInstructions || 'Please contact us to arrange payment.'),
      margin: [0, 0, 0, 8],
    },
    {
      text: ['Please quote invoice number ', { text: invoice.number, noWrap: true }, '.'],
    },
  ];
}

function creditContent(invoice: Invoice): Content[] {
  return [
    heading('How this credit will be used'),
    { text: largePrintText(creditWording(invoice)), margin: [0, 0, 0, 8] },
    {
      text: ['Please quote credit note number ', { text: invoice.number, noWrap: true }, '.'],
    },
  ];
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

/** One adjustment as a stacked block: whose, which period, what it was, what it is now. */
function adjustmentBlock(line: InvoiceLine, last: boolean): Content {
  const adjusted = line.adjusts ?? { from: line.from, to: line.to };
  const money = (pence: number | null) => ({
    text: pence === null ? '' : pdfMoney(pence),
    noWrap: true,
  });
  return blockOf(
    [
      pair('Resident', breakLongTokens(line.label)),
      pair('Period', `${pdfDate(adjusted.from)} to ${pdfDate(adjusted.to)}`),
      pair('Invoiced before', money(line.wasPence)),
      pair('Now', money(line.nowPence)),
      pair('Adjustment', { ...money(line.amountPence), bold: true }),
    ],
    last,
    line.label.length < 400,
  );
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
  // A short block never splits; a very long description may, rather than vanish.
  return blockOf(block, last, line.description.length + line.label.length < 400);
}

/** A block of lines with a rule under it (none under the last), whole on a page if short. */
function blockOf(block: Content[], last: boolean, unbreakable: boolean): Content {
  return {
    stack: [
      ...block,
      {
        canvas: [{ type: 'line', x1: 0, y1: 4, x2: 170 * MM, y2: 4, lineWidth: last ? 0 : 0.8 }],
        margin: [0, 0, 0, 10],
      },
    ],
    unbreakable,
  };
}
