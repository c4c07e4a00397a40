import { describe, expect, it } from 'vitest';
import { colourAllowed, stripAnsi, styledFor, terminalSafe } from './terminal.js';

describe('terminalSafe', () => {
  it('writes control characters, C1 and bidi controls as visible escapes, keeps text', () => {
    expect(terminalSafe('a\u001b[31mb\u0007c\rd\u009be\u202ef')).toBe(
      'a\\u001b[31mb\\u0007c\\u000dd\\u009be\\u202ef',
    );
    expect(terminalSafe('Zoë Ŵ £1\tx\ny')).toBe('Zoë Ŵ £1\tx\ny');
  });
});

describe('colours', () => {
  it('only on a terminal, never with NO_COLOR or TERM=dumb', () => {
    expect(colourAllowed({ isTTY: true }, {})).toBe(true);
    expect(colourAllowed({ isTTY: false }, {})).toBe(false);
    expect(colourAllowed({}, {})).toBe(false);
    expect(colourAllowed({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourAllowed({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colourAllowed({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
  it('styled text loses its escapes off a terminal', () => {
    expect(stripAnsi('\u001b[4m\u001b[1mUSAGE\u001b[22m\u001b[24m')).toBe('USAGE');
    expect(styledFor({ isTTY: false }, '\u001b[36m--data\u001b[39m')).toBe('--data');
  });
});
