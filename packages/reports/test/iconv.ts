/**
 * A second decoder for the exports' bytes: the C library's `iconv` command, which shares no
 * code with iconv-lite (the encoder under test). Node's own `TextDecoder('windows-1252')`
 * cannot serve: since Node 20.18.3 it decodes bytes 0x80–0x9F as Latin-1 control characters,
 * so "€" (0x80) and "–" (0x96) come back wrong (nodejs/node#60888). Tests skip, saying why,
 * when `iconv` is missing (it is part of Debian's libc-bin, so it never is on CI).
 */
import { execFileSync } from 'node:child_process';

function hasIconv(): boolean {
  try {
    execFileSync('iconv', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAS_ICONV = hasIconv();

/** Decodes Windows-1252 bytes to text with `iconv -f WINDOWS-1252 -t UTF-8`. */
export function decodeWindows1252(bytes: Uint8Array): string {
  return execFileSync('iconv', ['-f', 'WINDOWS-1252', '-t', 'UTF-8'], {
    input: bytes,
    encoding: 'utf8',
  });
}
