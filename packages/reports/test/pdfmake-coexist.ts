/**
 * Child script (see child.ts): in one fresh process, renders our invoice PDF and a caller's
 * own pdfmake document made with pdfmake's defaults — plain `require('pdfmake')`, the
 * Roboto files pdfmake ships (italics included), no access policies set — in the order
 * given (`ours-first` or `theirs-first`). Prints both PDFs (base64) and the state of the
 * caller's pdfmake singleton afterwards.
 */
import { createRequire } from 'node:module';
import { renderInvoicePdf } from '@carebill/reports/pdf';
import { NOV_FROM, NOV_TO, SAMPLE_INVOICES } from './sample-preview.js';

const require = createRequire(import.meta.url);
const order = process.argv[2];

/** What a caller writes, knowing nothing of carebill. */
async function theirs(): Promise<Buffer> {
  const pdfmake = require('pdfmake');
  pdfmake.addFonts(require('pdfmake/fonts/Roboto.js'));
  return pdfmake
    .createPdf({
      content: [
        { text: 'Caller plain Wales' },
        { text: 'Caller italic', italics: true },
        { text: 'Caller bold italic', bold: true, italics: true },
      ],
      info: { creationDate: new Date(Date.UTC(2024, 0, 1)) },
    })
    .getBuffer();
}

const ours = () =>
  renderInvoicePdf(SAMPLE_INVOICES.council, { period: { from: NOV_FROM, to: NOV_TO } });

// pdfmake warns on stderr when a caller sets no access policy: that is its default.
let caller: Buffer;
let carebill: Uint8Array;
if (order === 'ours-first') {
  carebill = await ours();
  caller = await theirs();
} else if (order === 'theirs-first') {
  caller = await theirs();
  carebill = await ours();
} else {
  throw new Error(`order must be ours-first or theirs-first, not ${order}`);
}

const singleton = require('pdfmake');
process.stdout.write(
  JSON.stringify({
    ours: Buffer.from(carebill).toString('base64'),
    theirs: caller.toString('base64'),
    singleton: {
      fonts: singleton.fonts,
      urlAccessPolicy: typeof singleton.urlAccessPolicy,
      localAccessPolicy: typeof singleton.localAccessPolicy,
      virtualFiles: Object.keys(singleton.virtualfs.storage),
    },
    roboto: require('pdfmake/fonts/Roboto.js'),
  }),
);
