import type { Invoice } from '@carebill/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeChunk, formatNumberRanges } from './coordinator.js';
import { planChunks, queueRunId } from './plan.js';
import { chunkOfJobId, jobIdOf, type RenderFile } from './protocol.js';

const invoice = (number: string) => ({ number }) as unknown as Invoice;
const single = (n: number): RenderFile => ({
  path: `invoices/P-${String(n).padStart(4, '0')}.pdf`,
  kind: 'invoice',
  invoices: [invoice(`P-${String(n).padStart(4, '0')}`)],
});
const pack = (name: string, numbers: number[]): RenderFile => ({
  path: name,
  kind: 'pack',
  invoices: numbers.map((n) => invoice(`P-${String(n).padStart(4, '0')}`)),
});

describe('planChunks', () => {
  it('puts the invoice PDFs in order, then each print pack alone, last', () => {
    const files = [single(1), single(2), single(3), pack('print-pack-001.pdf', [1, 3]), single(4)];
    const chunks = planChunks(files, 2);
    expect(chunks.map((c) => c.files.map((f) => f.path))).toEqual([
      ['invoices/P-0001.pdf', 'invoices/P-0002.pdf'],
      ['invoices/P-0003.pdf', 'invoices/P-0004.pdf'],
      ['print-pack-001.pdf'],
    ]);
    expect(chunks.map((c) => [c.index, c.invoices])).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it('plans every file exactly once, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 70 }), (n, size) => {
        const files = [...Array.from({ length: n }, (_, i) => single(i + 1)), pack('p.pdf', [1])];
        const chunks = planChunks(files, size);
        const planned = chunks.flatMap((c) => c.files.map((f) => f.path)).sort();
        expect(planned).toEqual(files.map((f) => f.path).sort());
        for (const chunk of chunks) expect(chunk.invoices).toBeLessThanOrEqual(Math.max(size, 1));
      }),
    );
  });

  it('refuses a chunk size that is not a whole number ≥ 1', () => {
    expect(() => planChunks([], 0)).toThrow(RangeError);
  });
});

describe('run and job ids', () => {
  it('gives the same run the same id whatever the order of its parts, another run another', () => {
    const a = queueRunId({ dataset: 'ab', month: '2024-11', folder: '/srv/out' });
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(queueRunId({ folder: '/srv/out', month: '2024-11', dataset: 'ab' })).toBe(a);
    expect(queueRunId({ dataset: 'ab', month: '2024-12', folder: '/srv/out' })).not.toBe(a);
  });

  it('reads a chunk back from its job id, and nothing from another run', () => {
    expect(chunkOfJobId('00aa', jobIdOf('00aa', 17))).toBe(17);
    expect(chunkOfJobId('00ab', jobIdOf('00aa', 17))).toBeUndefined();
    expect(chunkOfJobId('00aa', '00aa-x')).toBeUndefined();
  });
});

describe('naming a chunk', () => {
  it('writes consecutive invoice numbers as ranges', () => {
    expect(formatNumberRanges(['P-0001', 'P-0002', 'P-0003', 'P-0007', 'Q-0008', 'P-0009'])).toBe(
      'P-0001 – P-0003, P-0007, Q-0008, P-0009',
    );
    expect(formatNumberRanges(['P-0099', 'P-0100'])).toBe('P-0099 – P-0100');
    expect(formatNumberRanges(['P-9', 'P-10'])).toBe('P-9, P-10');
  });

  it('says which chunk, which file for a pack, and every invoice', () => {
    const [singles, packed] = planChunks(
      [pack('print-pack-002.pdf', [5, 6, 9]), single(1), single(2)],
      5,
    );
    expect(describeChunk(packed!, 2)).toBe(
      'chunk 2 of 2 (print-pack-002.pdf, invoices P-0005 – P-0006, P-0009)',
    );
    expect(describeChunk(singles!, 2)).toBe('chunk 1 of 2 (invoices P-0001 – P-0002)');
  });
});
