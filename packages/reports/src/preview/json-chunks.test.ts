import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import {
  buildPreview,
  loadDataset,
  monthPeriod,
  type Preview,
  type Problem,
  readIssuedPreview,
} from '@carebill/core';
import { sumPence } from '@carebill/core/internal';
import { propertyRuns } from '@carebill/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustedPreview } from '../../test/adjusted-preview.js';
import { arbPreview, awkwardText, NOV_1, NOV_30 } from '../../test/exports-sample.js';
import { samplePreview } from '../../test/sample-preview.js';
import { previewJsonChunks, renderPreviewJson, writePreviewJson } from './json.js';

const FIXTURES = join(import.meta.dirname, '../../../../fixtures');

/** A demo folder's files as `loadDataset` takes them: resource name → text. */
function demoFiles(folder: string): Record<string, string> {
  const dir = join(FIXTURES, folder);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => [name.slice(0, -'.json'.length), readFileSync(join(dir, name), 'utf8')]),
  );
}

/** The demo home's October as issued, and its November adjusting October (SPEC §10). */
function demoPreviews(): { october: Preview; november: Preview; issuedText: string } {
  const issuedText = readFileSync(join(FIXTURES, 'issued/2024-10/preview.json'), 'utf8');
  const october = buildPreview(loadDataset(demoFiles('demo-as-issued-2024-10')), {
    period: monthPeriod(2024, 10),
  });
  const issued = readIssuedPreview(JSON.parse(issuedText));
  if (!issued.ok) throw new Error(issued.problems.join('; '));
  const november = buildPreview(loadDataset(demoFiles('demo')), {
    period: monthPeriod(2024, 11),
    invoiced: [issued.issued],
  });
  return { october, november, issuedText };
}

/**
 * The layout the file had when it was one `JSON.stringify(document, null, 2)`: parsing the
 * text and writing it again in one call gives the same bytes. (The keys are names, never
 * integer-like, so parsing keeps their order.)
 */
const oneShot = (text: string) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;

/** What a stream was given, as bytes, and how many writes it took. */
function collector(highWaterMark?: number) {
  const parts: Buffer[] = [];
  const sink = new Writable({
    ...(highWaterMark !== undefined && { highWaterMark }),
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      setImmediate(done); // a slow disk: writes queue up and the writer must wait
    },
  });
  return { sink, bytes: () => Buffer.concat(parts), writes: () => parts.length };
}

const problemArb: fc.Arbitrary<Problem> = fc.record({
  severity: fc.constant('warning' as const),
  code: fc.constantFrom('DD_WITHOUT_MANDATE' as const, 'BAD_MONEY' as const, 'NO_EMAIL' as const),
  resource: fc.constantFrom('bookings' as const, 'service-users' as const, '' as const),
  id: awkwardText,
  field: awkwardText,
  value: awkwardText,
  message: fc.oneof(awkwardText, fc.string({ unit: 'binary', maxLength: 20 })),
});

/**
 * {@link arbPreview} with random unallocated, unbilled, parked and warning lists (each
 * sometimes empty), names of any code point, lone surrogates included, and the totals
 * kept adding up.
 */
const fullPreviewArb: fc.Arbitrary<Preview> = fc
  .record({
    preview: arbPreview,
    unallocated: fc.array(
      fc.record({
        booking: fc.string({ unit: 'binary', maxLength: 8 }),
        serviceUser: fc.option(awkwardText, { nil: null }),
        amountPence: fc.integer({ min: -1_000_000, max: 1_000_000 }),
      }),
      { maxLength: 3 },
    ),
    unbilled: fc.array(
      fc.record({
        booking: awkwardText,
        contract: fc.option(awkwardText, { nil: null }),
        amountPence: fc.integer({ min: 0, max: 1_000_000 }),
        adjusts: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    parked: fc.array(
      fc.record({
        serviceUser: fc.option(awkwardText, { nil: null }),
        problems: fc.array(problemArb, { maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
    warnings: fc.array(problemArb, { maxLength: 3 }),
  })
  .map(({ preview, unallocated, unbilled, parked, warnings }): Preview => {
    const unallocatedPence = sumPence(unallocated.map((e) => e.amountPence));
    const unbilledPence = sumPence(unbilled.map((e) => e.amountPence));
    return {
      ...preview,
      unallocated: unallocated.map((e) => ({
        ...e,
        serviceUserName: '',
        from: NOV_1,
        to: NOV_30,
        days: 30,
        reason: e.amountPence < 0 ? ('OVER_CONTRACTED' as const) : ('SHORTFALL' as const),
      })),
      unbilled: unbilled.map((e) => ({
        booking: e.booking,
        contract: e.contract,
        payerKind: 'location_contact' as const,
        payer: 'la',
        payerName: 'Kent County Council',
        from: NOV_1,
        to: NOV_30,
        days: 30,
        amountPence: e.amountPence,
        reason: 'BILLING_NOT_ENABLED' as const,
        adjusts: e.adjusts ? { from: NOV_1, to: NOV_30 } : null,
        wasPence: e.adjusts ? 0 : null,
        nowPence: e.adjusts ? e.amountPence : null,
      })),
      parked,
      warnings,
      totals: {
        ...preview.totals,
        feesPence: preview.totals.feesPence + unallocatedPence + unbilledPence,
        unallocatedPence,
        unbilledPence,
      },
    };
  });

describe('previewJsonChunks', () => {
  const { october, november, issuedText } = demoPreviews();

  it("gives, joined, the issued October's preview.json byte for byte (made by the one-string renderer)", () => {
    expect([...previewJsonChunks(october)].join('')).toBe(issuedText);
    expect(renderPreviewJson(october)).toBe(issuedText);
  });

  it('writes each invoice as a piece of its own, so no piece holds the whole file', () => {
    const chunks = [...previewJsonChunks(november)];
    expect(november.invoices.length).toBeGreaterThan(10);
    expect(chunks.length).toBeGreaterThan(november.invoices.length);
    // Each invoice starts a piece of its own, in order, and no piece holds two.
    const starts = (chunk: string) => chunk.match(/\n {4}\{\n {6}"number": /g)?.length ?? 0;
    expect(Math.max(...chunks.map(starts))).toBe(1);
    const numbers = chunks
      .map((chunk) => /^(?:\[|,)\n {4}\{\n {6}"number": "([^"]+)"/.exec(chunk)?.[1])
      .filter((n) => n !== undefined);
    expect(numbers).toEqual(november.invoices.map((invoice) => invoice.number));
  });

  it('lays out the demo months, the sample and the adjusted preview exactly as one JSON.stringify', () => {
    for (const preview of [october, november, samplePreview(), adjustedPreview()]) {
      const text = [...previewJsonChunks(preview)].join('');
      expect(text).toBe(oneShot(text));
      expect(renderPreviewJson(preview)).toBe(text);
    }
    // November carries adjustments, so its lines' `adjusts`, was and now are not all null.
    expect(renderPreviewJson(november)).toMatch(/"adjusts": \{\n {12}"from": "2024-10-01"/);
  });

  it('lays out any preview exactly as one JSON.stringify, empty lists and awkward text included', () => {
    fc.assert(
      fc.property(fullPreviewArb, (preview) => {
        const text = [...previewJsonChunks(preview)].join('');
        expect(text).toBe(oneShot(text));
        const json = JSON.parse(text);
        expect(json.invoices.map((i: { number: string }) => i.number)).toEqual(
          preview.invoices.map((i) => i.number),
        );
        expect(json.unallocated).toHaveLength(preview.unallocated.length);
        expect(json.unbilled).toHaveLength(preview.unbilled.length);
        expect(json.parked).toHaveLength(preview.parked.length);
        expect(json.warnings.map((w: { message: string }) => w.message)).toEqual(
          preview.warnings.map((w) => w.message),
        );
        expect(json.totals.fees_pence).toBe(preview.totals.feesPence);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('refuses before the first piece when the totals do not add up', () => {
    const chunks = previewJsonChunks({
      ...october,
      totals: { ...october.totals, feesPence: october.totals.feesPence + 1 },
    });
    expect(() => chunks.next()).toThrow(/do not add up/);
  });
});

describe('writePreviewJson', () => {
  const { november } = demoPreviews();
  const text = renderPreviewJson(november);

  it('streams the bytes of renderPreviewJson, waiting on a slow stream, and ends it', async () => {
    const { sink, bytes } = collector(1024);
    await writePreviewJson(november, sink);
    expect(sink.writableFinished).toBe(true);
    expect(bytes().toString('utf8')).toBe(text);
    expect(JSON.parse(bytes().toString('utf8')).invoices).toHaveLength(november.invoices.length);
  });

  it('gathers invoices into writes of about 64 KB, not a write each', async () => {
    const many = { ...november, invoices: Array(100).fill(november.invoices).flat() };
    const { sink, bytes, writes } = collector();
    await writePreviewJson(many, sink);
    const size = bytes().length;
    expect(size).toBeGreaterThan(500_000);
    expect(bytes().toString('utf8')).toBe(renderPreviewJson(many));
    expect(writes()).toBeLessThanOrEqual(Math.ceil(size / (64 * 1024)) + 1);
  });

  it('rejects and destroys the stream when an amount is not whole pence, part-way', async () => {
    const [first, ...rest] = november.invoices;
    const bad = { ...november, invoices: [...rest, { ...first!, totalPence: 1.5 }] };
    const stream = new PassThrough();
    stream.resume();
    await expect(writePreviewJson(bad, stream)).rejects.toThrow(/whole number of pence/);
    expect(stream.destroyed).toBe(true);
  });

  it('rejects with the stream’s own error (a full disk) rather than waiting forever', async () => {
    const full = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      },
    });
    await expect(writePreviewJson(november, full)).rejects.toThrow(/ENOSPC/);
  });
});
