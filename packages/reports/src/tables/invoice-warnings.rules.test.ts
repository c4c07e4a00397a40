/**
 * The Invoices table's Warnings cell lists the invoice's warnings in order, by code,
 * separated by "; " (as the Residents and Email to cells are).
 */
import type { Invoice } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { SAMPLE_INVOICES } from '../../test/sample-preview.js';
import { INVOICE_COLUMNS } from './invoices.js';

const warningsCell = (invoice: Invoice) =>
  INVOICE_COLUMNS.find((c) => c.header === 'Warnings')?.value(invoice);

describe('the Invoices table: Warnings', () => {
  const invoice = SAMPLE_INVOICES.family;

  it('separates two warnings with "; "', () => {
    const two: Invoice = { ...invoice, warnings: ['DD_WITHOUT_MANDATE', 'NO_EMAIL'] };
    expect(warningsCell(two)).toBe('DD_WITHOUT_MANDATE; NO_EMAIL');
  });

  it('is blank for an invoice with none', () => {
    expect(warningsCell({ ...invoice, warnings: [] })).toBe('');
  });
});
