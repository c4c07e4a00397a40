/**
 * The standard invoice page: the home's name and details at the top, the payer's address
 * in the DL window, the invoice's number and dates beside it, a table of charges, then (SPEC
 * §10) a table of adjustments to earlier periods, the total, how to pay, and a footer with
 * the company details and "Page 1 of N". A credit note has the same layout, titled "Credit
 * note", with how the credit will be used in place of how to pay.
 */
import type { Day, DayRange, Invoice, InvoiceLine } from '@carebill/core';
import { formatDayShort, sumPence } from '@carebill/core/internal';
import { splitLines } from '../tables/adjustments.js';
import { paymentMethodLabel } from '../tables/labels.js';
import type { Content } from './engine.js';
import { MM, WINDOW } from './envelope.js';
import {
  ADJUSTMENTS_EXPLAINED,
  compactIssuerLines,
  creditWording,
  documentTitle,
  NOTHING_TO_PAY,
  periodOf,
  recipientLines,
} from './invoice-parts.js';
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
  const credit = invoice.kind === 'credit_note';
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
        { text: documentTitle(invoice), fontSize: 20, bold: true, margin: [0, 0, 0, 6] },
        {
          table: {
            widths: [credit ? 88 : 78, '*'],
            body: credit
              ? [
                  detail('Credit note number', { text: invoice.number, noWrap: true }),
                  detail('Account code', breakLongTokens(invoice.payer.accountCode || '—')),
                  // No period: its table names the periods it adjusts.
                  detail('Issue date', pdfDate(invoice.issueDate)),
                ]
              : [
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
    ...linesContent(invoice, period),
    ...(credit ? creditContent(invoice) : paymentContent(invoice)),
  ];
  if (issuer !== null && (issuer.email || issuer.phone)) {
    content.push({
      text: breakLongTokens(
        `Questions about this ${credit ? 'credit note' : 'invoice'}: ${[issuer.phone, issuer.email].filter(Boolean).join(' or ')}.`,
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

const SECTION_HEADING = { fontSize: 11, bold: true } as const;

/**
 * The charges of the period and, after them, the adjustments to earlier periods, each
 * with its subtotal, then the total. Without adjustments: the one table of charges ending
 * in the total, as before SPEC §10.
 */
function linesContent(invoice: Invoice, period: { from: Day; to: Day }): Content[] {
  const credit = invoice.kind === 'credit_note';
  const totalLabel = credit ? 'Total credit' : 'Total due';
  const totalPence = credit ? -invoice.totalPence : invoice.totalPence;
  const chargesHeading: Content = {
    text: `Charges for ${formatDayShort(period.from)} to ${formatDayShort(period.to)}`,
    ...SECTION_HEADING,
    margin: [0, 0, 0, 6],
  };
  const { own, adjustments } = splitLines(invoice);
  if (adjustments.length === 0) {
    return [chargesHeading, chargesTable(own, totalLabel, totalPence)];
  }
  const content: Content[] = [];
  if (own.length > 0) {
    content.push(
      chargesHeading,
      chargesTable(own, 'Charges for this period', sumPence(own.map((l) => l.amountPence))),
    );
  }
  content.push(
    ...keptTogether(
      [
        {
          text: 'Adjustments to earlier periods',
          ...SECTION_HEADING,
          margin: [0, own.length > 0 ? 16 : 0, 0, 6],
        },
        adjustmentsTable(adjustments),
        { text: ADJUSTMENTS_EXPLAINED, fontSize: 8.5, color: GREY, margin: [0, 4, 0, 0] },
      ],
      adjustments.length <= 12 && rowsAreShort(adjustments),
    ),
    {
      table: {
        widths: ['*', 62],
        body: [
          [
            { text: totalLabel, bold: true, alignment: 'right' },
            { text: pdfMoney(totalPence), bold: true, alignment: 'right', noWrap: true },
          ],
        ],
      },
      layout: {
        hLineWidth: (i: number) => (i === 0 ? 0.8 : 0),
        vLineWidth: () => 0,
        hLineColor: () => RULE,
        paddingTop: () => 5,
        paddingBottom: () => 4,
        paddingLeft: () => 0,
        paddingRight: () => 0,
      },
      fontSize: 10,
      margin: [0, 10, 0, 0],
    },
  );
  return content;
}

/** How to pay: the home's instructions and what to pay by when. */
function paymentContent(invoice: Invoice): Content[] {
  if (invoice.totalPence === 0) {
    return keptTogether(
      [
        { text: 'Nothing to pay', ...SECTION_HEADING, margin: [0, 18, 0, 4] },
        {
          text: [
            `${NOTHING_TO_PAY} Please quote invoice number `,
            { text: invoice.number, noWrap: true },
            ' in any query.',
          ],
          fontSize: 10,
        },
      ],
      true,
    );
  }
  return keptTogether(
    [
      { text: 'How to pay', ...SECTION_HEADING, margin: [0, 18, 0, 4] },
      {
        text: breakLongTokens(
          invoice.paymentInstructions || 'Please contact us to arrange payment.',
        ),
        fontSize: 10,
      },
      { text: paymentSentence(invoice), fontSize: 10, margin: [0, 6, 0, 0] },
    ],
    invoice.paymentInstructions.length <= MAX_UNBROKEN_DESCRIPTION,
  );
}

/**
 * Parts kept on one page, so a heading never ends a page without what it heads; only when
 * `short` (pdfmake drops an unbreakable block taller than a page).
 */
function keptTogether(parts: Content[], short: boolean): Content[] {
  return short ? [{ stack: parts, unbreakable: true }] : parts;
}

/** A credit note asks for no payment: it says how the credit will be used, and what to quote. */
function creditContent(invoice: Invoice): Content[] {
  const account = invoice.payer.accountCode
    ? [
        ' and your account code ',
        { text: breakLongTokens(invoice.payer.accountCode), noWrap: true },
      ]
    : [];
  return keptTogether(
    [
      { text: 'How this credit will be used', ...SECTION_HEADING, margin: [0, 18, 0, 4] },
      { text: breakLongTokens(creditWording(invoice)), fontSize: 10 },
      {
        text: [
          'Please quote credit note number ',
          { text: invoice.number, noWrap: true },
          ...account,
          ' in any query.',
        ],
        fontSize: 10,
        margin: [0, 6, 0, 0],
      },
    ],
    creditWording(invoice).length <= MAX_UNBROKEN_DESCRIPTION,
  );
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
function chargesTable(
  lines: readonly InvoiceLine[],
  totalLabel: string,
  totalPence: number,
): Content {
  const header = ['Resident', 'Description', 'Dates', 'Days', 'Amount'].map((text, index) => ({
    text,
    bold: true,
    alignment: index >= 3 ? 'right' : 'left',
  }));
  const rows = lines.map((line) => [
    breakLongTokens(line.label),
    breakLongTokens(line.provisional ? `${line.description} (provisional)` : line.description),
    `${pdfDate(line.from)} –\n${pdfDate(line.to)}`,
    { text: String(line.days), alignment: 'right' },
    { text: pdfMoney(line.amountPence), alignment: 'right', noWrap: true },
  ]);
  return linesTable([92, '*', 62, 26, 62], header, rows, lines, totalLabel, totalPence);
}

/**
 * The adjustments as a table: the resident, the earlier period, what it was invoiced, what
 * it comes to now and the difference, with their subtotal.
 */
function adjustmentsTable(lines: readonly InvoiceLine[]): Content {
  const header = ['Resident', 'Period adjusted', 'Invoiced', 'Now', 'Adjustment'].map(
    (text, index) => ({ text, bold: true, alignment: index >= 2 ? 'right' : 'left' }),
  );
  const money = (pence: number | null) => ({
    text: pence === null ? '' : pdfMoney(pence),
    alignment: 'right',
    noWrap: true,
  });
  const rows = lines.map((line) => {
    const adjusted = line.adjusts ?? { from: line.from, to: line.to };
    return [
      breakLongTokens(line.label),
      `${pdfDate(adjusted.from)} – ${pdfDate(adjusted.to)}`,
      money(line.wasPence),
      money(line.nowPence),
      money(line.amountPence),
    ];
  });
  const totalPence = sumPence(lines.map((l) => l.amountPence));
  return linesTable([92, '*', 62, 62, 62], header, rows, lines, 'Total adjustments', totalPence);
}

/** A five-column table of lines: header repeated on each page, a bold total row last. */
function linesTable(
  widths: readonly (number | string)[],
  header: Content[],
  rows: Content[][],
  lines: readonly InvoiceLine[],
  totalLabel: string,
  totalPence: number,
): Content {
  const total = [
    { text: totalLabel, bold: true, colSpan: 4, alignment: 'right' },
    {},
    {},
    {},
    { text: pdfMoney(totalPence), bold: true, alignment: 'right', noWrap: true },
  ];
  return {
    table: {
      headerRows: 1,
      dontBreakRows: rowsAreShort(lines),
      widths,
      body: [header, ...rows, total],
    },
    layout: TABLE_LAYOUT,
    fontSize: 9,
  };
}

/**
 * Rows are kept whole only when every row is short enough to fit a page many times over:
 * pdfmake drops a row taller than a page when rows may not break (#961, #2560).
 */
function rowsAreShort(lines: readonly InvoiceLine[]): boolean {
  return lines.every(
    (line) => line.description.length <= MAX_UNBROKEN_DESCRIPTION && line.label.length <= 150,
  );
}

const TABLE_LAYOUT = {
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
};
