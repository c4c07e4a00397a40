/**
 * The standard invoice page: the home's name and details at the top, the payer's address
 * in the DL window, the invoice's number and dates beside it, a table of charges, the
 * total, how to pay, and a footer with the company details and "Page 1 of N".
 */
import type { DayRange, Invoice } from '@carebill/core';
import { formatDayShort } from '@carebill/core/internal';
import { paymentMethodLabel } from '../tables/labels.js';
import type { Content } from './engine.js';
import { MM, WINDOW } from './envelope.js';
import { compactIssuerLines, periodOf, recipientLines } from './invoice-parts.js';
import type { Section } from './sections.js';
import { breakLongTokens, pdfDate, pdfMoney } from './text.js';

const MARGIN = 20 * MM;
const RIGHT_X = 120 * MM;
const RIGHT_WIDTH = 210 * MM - RIGHT_X - MARGIN;
const GREY = '#444444';
const RULE = '#9a9a9a';
/** About 12 lines of the description column: a row of this size is far under a page. */
const MAX_UNBROKEN_DESCRIPTION = 500;

/**
 * The invoice as one section of a standard-print document.
 *
 * @example sectionedDocument([standardInvoiceSection(invoice)], base)
 */
export function standardInvoiceSection(invoice: Invoice, billingPeriod?: DayRange): Section {
  const issuer = invoice.issuer;
  const homeName = issuer?.name || issuer?.companyName || '';
  const period = billingPeriod ?? periodOf(invoice);
  const content: Content[] = [
    {
      absolutePosition: { x: MARGIN, y: 14 * MM },
      stack: [
        { text: breakLongTokens(homeName), fontSize: 18, bold: true },
        { text: 'Care home fees', fontSize: 10, color: GREY, margin: [0, 2, 0, 0] },
      ],
      width: RIGHT_X - MARGIN - 10,
    },
    {
      absolutePosition: { x: RIGHT_X, y: 14 * MM },
      width: RIGHT_WIDTH,
      stack: compactIssuerLines(invoice).map((line, index) => ({
        text: breakLongTokens(line),
        fontSize: index === 0 ? 10 : 9,
        bold: index === 0,
        color: index === 0 ? 'black' : GREY,
      })),
    },
    {
      absolutePosition: { x: WINDOW.x, y: WINDOW.y },
      width: WINDOW.width,
      stack: recipientLines(invoice).map((line, index) => ({
        text: breakLongTokens(line),
        fontSize: 10.5,
        bold: index === 0,
        lineHeight: 1.1,
      })),
    },
    {
      absolutePosition: { x: RIGHT_X, y: WINDOW.y - 4 },
      width: RIGHT_WIDTH,
      stack: [
        { text: 'Invoice', fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
        {
          table: {
            widths: [78, '*'],
            body: [
              detail('Invoice number', { text: invoice.number, noWrap: true }),
              detail('Account code', breakLongTokens(invoice.payer.accountCode || '—')),
              detail('Issue date', pdfDate(invoice.issueDate)),
              detail('Due date', { text: pdfDate(invoice.dueDate), bold: true }),
              detail('Period', `${pdfDate(period.from)} – ${pdfDate(period.to)}`),
              detail('Payment method', paymentMethodLabel(invoice.payer.paymentMethod)),
            ],
          },
          layout: 'noBorders',
          fontSize: 9.5,
        },
      ],
    },
    // Flowing content starts below the window and the details.
    { text: '', margin: [0, 100 * MM - MARGIN, 0, 0] },
    {
      text: `Charges for ${formatDayShort(period.from)} to ${formatDayShort(period.to)}`,
      fontSize: 11,
      bold: true,
      margin: [0, 0, 0, 6],
    },
    chargesTable(invoice),
    {
      text: 'How to pay',
      fontSize: 11,
      bold: true,
      margin: [0, 18, 0, 4],
    },
    {
      text: breakLongTokens(invoice.paymentInstructions || 'Please contact us to arrange payment.'),
      fontSize: 10,
    },
    {
      text: paymentSentence(invoice),
      fontSize: 10,
      margin: [0, 6, 0, 0],
    },
  ];
  if (issuer !== null && (issuer.email || issuer.phone)) {
    content.push({
      text: breakLongTokens(
        `Questions about this invoice: ${[issuer.phone, issuer.email].filter(Boolean).join(' or ')}.`,
      ),
      fontSize: 10,
      margin: [0, 6, 0, 0],
    });
  }

  const company = [
    issuer?.companyName,
    issuer?.companyRegNo ? `Company registration number ${issuer.companyRegNo}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    content,
    pageMargins: [MARGIN, MARGIN, MARGIN, 22 * MM],
    footer: (page, pages) => ({
      margin: [MARGIN, 8 * MM, MARGIN, 0],
      columns: [
        { text: breakLongTokens(company), fontSize: 8, color: GREY, width: '*' },
        {
          text: `${invoice.number} · Page ${page} of ${pages}`,
          fontSize: 8,
          alignment: 'right',
          width: 'auto',
          noWrap: true,
        },
      ],
    }),
  };
}

/** What to pay by when, and what to quote; direct debits are collected, not paid. */
function paymentSentence(invoice: Invoice): Content[] {
  const amount = { text: pdfMoney(invoice.totalPence), bold: true, noWrap: true };
  const due = { text: pdfDate(invoice.dueDate), bold: true };
  const number = { text: invoice.number, noWrap: true };
  const account = invoice.payer.accountCode
    ? [
        ' and your account code ',
        { text: breakLongTokens(invoice.payer.accountCode), noWrap: true },
      ]
    : [];
  if (invoice.payer.paymentMethod === 'direct_debit') {
    return [
      amount,
      ' will be collected by direct debit on or after ',
      due,
      '. Please quote invoice number ',
      number,
      ...account,
      ' in any query.',
    ];
  }
  return [
    'Please pay ',
    amount,
    ' by ',
    due,
    ' and quote invoice number ',
    number,
    ...account,
    '.',
  ];
}

function detail(label: string, value: Content): Content[] {
  return [{ text: label, color: GREY }, value];
}

/** The lines as a table: the header repeats on each page, rows may break across pages. */
function chargesTable(invoice: Invoice): Content {
  const header = ['Resident', 'Description', 'Dates', 'Days', 'Amount'].map((text, index) => ({
    text,
    bold: true,
    alignment: index >= 3 ? 'right' : 'left',
  }));
  const rows = invoice.lines.map((line) => [
    breakLongTokens(line.label),
    breakLongTokens(line.provisional ? `${line.description} (provisional)` : line.description),
    `${pdfDate(line.from)} –\n${pdfDate(line.to)}`,
    { text: String(line.days), alignment: 'right' },
    { text: pdfMoney(line.amountPence), alignment: 'right', noWrap: true },
  ]);
  const total = [
    { text: 'Total due', bold: true, colSpan: 4, alignment: 'right' },
    {},
    {},
    {},
    { text: pdfMoney(invoice.totalPence), bold: true, alignment: 'right', noWrap: true },
  ];
  // Rows are kept whole only when every row is short enough to fit a page many times
  // over: pdfmake drops a row taller than a page when rows may not break (#961, #2560).
  const shortRows = invoice.lines.every(
    (line) => line.description.length <= MAX_UNBROKEN_DESCRIPTION && line.label.length <= 150,
  );
  return {
    table: {
      headerRows: 1,
      dontBreakRows: shortRows,
      widths: [92, '*', 62, 26, 62],
      body: [header, ...rows, total],
    },
    layout: {
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
        i === 1 || i === node.table.body.length - 1
          ? 0.8
          : i === 0 || i === node.table.body.length
            ? 0
            : 0.3,
      vLineWidth: () => 0,
      hLineColor: () => RULE,
      paddingTop: () => 4,
      paddingBottom: () => 4,
      paddingLeft: (i: number) => (i === 0 ? 0 : 4),
      paddingRight: (i: number, node: { table: { widths: unknown[] } }) =>
        i === node.table.widths.length - 1 ? 0 : 4,
    },
    fontSize: 9,
  };
}
