/**
 * Failures of the machine rather than of carebill or the data — a full disk, a quota, a
 * permission, a read-only folder, too many open files — told in one line naming the path
 * and the reason ("no space left on device while writing out/preview.xlsx"), exit code 1
 * in every command, never a stack trace. The PDF processes send theirs to the parent in
 * the same shape ({@link serializeError}), so they are told the same way.
 */

/** The error codes that mean "the environment failed", with the words for each. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for the file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files on this system',
  EIO: 'input/output error (a disk or network fault)',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many symbolic links (or a link where carebill will not follow one)',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'a folder is in the way',
  ENOENT: 'no such file or folder (it was removed while carebill ran?)',
  EEXIST: 'a file is already there',
  ENOTEMPTY: 'the folder is not empty',
  EXDEV: 'the staging folder and the target are on different file systems',
  EBUSY: 'the file or folder is busy',
  ETXTBSY: 'the file is busy',
  ESTALE: 'stale network file handle',
  ENOMEM: 'out of memory',
  ERR_PDF_PROCESS_KILLED: 'a PDF process was killed (out of memory, or stopped by a signal)',
};

/** Node's error shape for a failed system call. */
export interface SystemError extends Error {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

/**
 * Is `error` a failed system call of the kind a user fixes on their machine?
 *
 * @example isEnvironmentError(Object.assign(new Error('x'), { code: 'ENOSPC', syscall: 'write' })) // true
 */
export function isEnvironmentError(error: unknown): error is SystemError {
  if (!(error instanceof Error)) return false;
  const { code, syscall } = error as Partial<SystemError>;
  return (
    typeof code === 'string' && code in REASONS && (typeof syscall === 'string' || 'path' in error)
  );
}

const VERBS: Readonly<Record<string, string>> = {
  open: 'opening',
  write: 'writing',
  read: 'reading',
  close: 'writing',
  fsync: 'writing',
  mkdir: 'creating the folder',
  mkdtemp: 'creating the folder',
  rename: 'moving into place',
  unlink: 'removing',
  rmdir: 'removing the folder',
  rm: 'removing',
  scandir: 'listing the folder',
  opendir: 'listing the folder',
  stat: 'looking at',
  lstat: 'looking at',
  link: 'creating',
  copyfile: 'copying',
  spawn: 'starting a process for',
  render: 'rendering',
};

/**
 * One line for an environment failure: the reason, what carebill was doing and where.
 * `displayPath` maps a path to the one the user knows (a staging path to its final name).
 *
 * @example describeEnvironmentError(error) // 'no space left on device while writing out/preview.xlsx'
 */
export function describeEnvironmentError(
  error: SystemError,
  displayPath: (path: string) => string = (path) => path,
): string {
  const reason = REASONS[error.code] ?? error.code;
  const verb = VERBS[error.syscall ?? ''] ?? 'writing';
  const where =
    error.path === undefined
      ? ''
      : ` while ${verb} ${displayPath(error.path)}${error.dest === undefined ? '' : ` to ${displayPath(error.dest)}`}`;
  return `${reason}${where}`;
}

/** An error as a PDF process sends it to its parent: plain data, never a stack. */
export interface SerializedError {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
  readonly path?: string;
}

/**
 * The parts of an error worth sending across a process boundary (no stack trace).
 *
 * @example serializeError(new Error('boom')) // { message: 'boom' }
 */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, syscall, path } = error as Partial<SystemError>;
  return {
    message: error.message,
    ...(typeof code === 'string' && { code }),
    ...(typeof syscall === 'string' && { syscall }),
    ...(typeof path === 'string' && { path }),
  };
}

/**
 * The error again, in this process: a system error keeps its code, call and path, so it
 * is told like one raised here.
 *
 * @example deserializeError({ message: 'x', code: 'ENOSPC', syscall: 'write', path: 'a' }).code === 'ENOSPC'
 */
export function deserializeError(data: SerializedError, context?: string): Error {
  const error = new Error(context === undefined ? data.message : `${context}: ${data.message}`);
  return Object.assign(error, {
    ...(data.code !== undefined && { code: data.code }),
    ...(data.syscall !== undefined && { syscall: data.syscall }),
    ...(data.path !== undefined && { path: data.path }),
  });
}

/**
 * The whole line for an environment failure, saying what became of the output folder when
 * the failure came from an output run (`output-run.ts` marks the error with its folder).
 *
 * @example formatEnvironmentFailure(error) // 'no space left on device while writing out/x.pdf; out was left as it was'
 */
export function formatEnvironmentFailure(error: SystemError): string {
  const { outputFolder, outputChanged } = error as {
    outputFolder?: string;
    outputChanged?: boolean;
  };
  const line = describeEnvironmentError(error);
  if (outputFolder === undefined) return line;
  return outputChanged
    ? `${line}; the run's files are complete, and the next run into ${outputFolder} (or carebill verify ${outputFolder}) puts the rest in place`
    : `${line}; ${outputFolder} was left as it was`;
}
