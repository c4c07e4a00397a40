import { describe, expect, it } from 'vitest';
import {
  describeEnvironmentError,
  deserializeError,
  formatEnvironmentFailure,
  isEnvironmentError,
  serializeError,
} from './environment-error.js';

const errno = (code: string, syscall: string, path?: string, dest?: string) =>
  Object.assign(new Error(`${code}: boom`), {
    code,
    syscall,
    ...(path !== undefined && { path }),
    ...(dest !== undefined && { dest }),
  });

describe('environment failures', () => {
  it.each([
    ['ENOSPC', 'write', 'no space left on device while writing out/preview.xlsx'],
    ['EDQUOT', 'write', 'disk quota exceeded while writing out/preview.xlsx'],
    ['EACCES', 'open', 'permission denied while opening out/preview.xlsx'],
    ['EROFS', 'mkdir', 'read-only file system while creating the folder out/preview.xlsx'],
    ['EMFILE', 'open', 'too many open files in this process while opening out/preview.xlsx'],
  ])('%s is one line naming the path and the reason', (code, syscall, line) => {
    const error = errno(code, syscall, 'out/preview.xlsx');
    expect(isEnvironmentError(error)).toBe(true);
    expect(describeEnvironmentError(error)).toBe(line);
  });

  it('names both ends of a rename, and says what became of the output folder', () => {
    const error = errno('EXDEV', 'rename', 'a', 'b');
    expect(describeEnvironmentError(error)).toBe(
      'the staging folder and the target are on different file systems while moving into place a to b',
    );
    expect(
      formatEnvironmentFailure(
        Object.assign(errno('ENOSPC', 'write', 'out/x'), { outputFolder: 'out' }),
      ),
    ).toBe('no space left on device while writing out/x; out was left as it was');
  });

  it('is not a bug: a plain Error, a TypeError or an unknown code is not one', () => {
    expect(isEnvironmentError(new Error('x'))).toBe(false);
    expect(isEnvironmentError(new TypeError('x'))).toBe(false);
    expect(isEnvironmentError(errno('ERR_SOMETHING', 'write', 'x'))).toBe(false);
    expect(isEnvironmentError('ENOSPC')).toBe(false);
  });

  it('crosses a process boundary as plain data, never with a stack', () => {
    const sent = serializeError(errno('ENOSPC', 'write', 'out/x.pdf'));
    expect(sent).toEqual({
      message: 'ENOSPC: boom',
      code: 'ENOSPC',
      syscall: 'write',
      path: 'out/x.pdf',
    });
    expect(JSON.stringify(sent)).not.toContain('at ');
    const again = deserializeError(sent, 'rendering out/x.pdf');
    expect(isEnvironmentError(again)).toBe(true);
    expect(again.message).toBe('rendering out/x.pdf: ENOSPC: boom');
    expect(serializeError(new RangeError('bad'))).toEqual({ message: 'bad' });
  });
});
