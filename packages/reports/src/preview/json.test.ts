import { describe, expect, it } from 'vitest';
import { samplePreview } from '../../test/sample-preview.js';
import { renderPreviewJson } from './json.js';

describe('renderPreviewJson', () => {
  const preview = samplePreview();
  const text = renderPreviewJson(preview);
  const json = JSON.parse(text);

  it('writes 2-space indented JSON with a trailing newline, the same bytes every time', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^ {2}"period": \{$/);
    expect(renderPreviewJson(samplePreview())).toBe(text);
  });

  it('uses exactly the field names of SPEC §6 and §10, in order', () => {
    expect(Object.keys(json)).toEqual([
      'period',
      'options',
      'invoices',
      'unallocated',
      'unbilled',
      'parked',
      'warnings',
      'totals',
    ]);
    expect(Object.keys(json.period)).toEqual(['from', 'to']);
    expect(json.options).toEqual({
      day_rule: 'day',
      monthly52: false,
      prefix: 'PREVIEW',
      due_days: 14,
    });
    const invoice = json.invoices[0];
    expect(Object.keys(invoice)).toEqual([
      'number',
      'kind',
      'payer',
      'location',
      'service_users',
      'issue_date',
      'due_date',
      'lines',
      'total_pence',
      'payment_instructions',
      'delivery',
      'warnings',
    ]);
    expect(Object.keys(invoice.payer)).toEqual([
      'type',
      'id',
      'name',
      'account_code',
      'payment_method',
    ]);
    expect(Object.keys(invoice.lines[0])).toEqual([
      'booking',
      'contract',
      'basis',
      'service_user',
      'label',
      'description',
      'from',
      'to',
      'days',
      'amount_pence',
      'provisional',
      'adjusts',
      'was_pence',
      'now_pence',
    ]);
    expect(Object.keys(invoice.delivery)).toEqual(['email', 'post', 'large_print']);
    expect(Object.keys(json.unallocated[0])).toEqual([
      'booking',
      'service_user',
      'from',
      'to',
      'days',
      'amount_pence',
      'reason',
    ]);
    expect(Object.keys(json.unbilled[0])).toEqual([
      'booking',
      'contract',
      'payer',
      'from',
      'to',
      'days',
      'amount_pence',
      'reason',
      'adjusts',
      'was_pence',
      'now_pence',
    ]);
    expect(Object.keys(json.parked[0])).toEqual(['service_user', 'problems']);
    expect(Object.keys(json.parked[0].problems[0])).toEqual([
      'resource',
      'id',
      'field',
      'code',
      'message',
    ]);
    expect(Object.keys(json.warnings[0])).toEqual(['code', 'resource', 'id', 'field', 'message']);
    expect(Object.keys(json.totals)).toEqual([
      'fees_pence',
      'invoiced_pence',
      'unbilled_pence',
      'unallocated_pence',
      'adjustments_pence',
      'unbilled_adjustments_pence',
    ]);
  });

  it('writes dates as YYYY-MM-DD and amounts as integer pence', () => {
    expect(json.period).toEqual({ from: '2024-11-01', to: '2024-11-30' });
    const council = json.invoices[0];
    expect(council.issue_date).toBe('2024-11-01');
    expect(council.due_date).toBe('2024-11-15');
    expect(council.lines[0]).toMatchObject({
      from: '2024-11-01',
      to: '2024-11-30',
      days: 30,
      amount_pence: 593803,
      label: 'Gwenllian Ŷwen',
    });
    expect(council.payer).toEqual({
      type: 'location_contact',
      id: 'lc-ceredigion',
      name: 'Cyngor Sir Ceredigion County Council',
      account_code: 'CCC01',
      payment_method: 'bac',
    });
    expect(council.delivery).toEqual({
      email: ['finance@ceredigion.example'],
      post: false,
      large_print: false,
    });
    expect(json.unallocated[1]).toMatchObject({ amount_pence: -4286, reason: 'OVER_CONTRACTED' });
    // The issuer and the payer's address/email are for PDFs only.
    expect(text).not.toContain('issuer');
    expect(text).not.toContain('postal');
  });

  it('keeps the totals identity and each invoice total equal to its lines', () => {
    const t = json.totals;
    expect(t.fees_pence).toBe(
      t.invoiced_pence - t.adjustments_pence + t.unbilled_pence + t.unallocated_pence,
    );
    let invoiced = 0;
    for (const invoice of json.invoices) {
      const sum = invoice.lines.reduce(
        (s: number, l: { amount_pence: number }) => s + l.amount_pence,
        0,
      );
      expect(invoice.total_pence).toBe(sum);
      invoiced += sum;
    }
    expect(t.invoiced_pence).toBe(invoiced);
    const unallocated = json.unallocated.reduce(
      (s: number, e: { amount_pence: number }) => s + e.amount_pence,
      0,
    );
    expect(t.unallocated_pence).toBe(unallocated);
    expect(t).toEqual({
      fees_pence: 1350945 + 42857 + 73286 + 21429 + 8059,
      invoiced_pence: 1350945 + 42857 + 73286,
      unbilled_pence: 21429,
      unallocated_pence: 8059,
      adjustments_pence: 0,
      unbilled_adjustments_pence: 0,
    });
  });

  it('refuses totals that do not add up and amounts that are not whole pence', () => {
    const preview = samplePreview();
    expect(() =>
      renderPreviewJson({ ...preview, totals: { ...preview.totals, feesPence: 1 } }),
    ).toThrow(/do not add up/);
    const [first, ...rest] = preview.invoices;
    expect(() =>
      renderPreviewJson({ ...preview, invoices: [{ ...first!, totalPence: 1.5 }, ...rest] }),
    ).toThrow(/whole number of pence/);
  });
});
