/**
 * An output run: how every carebill command that writes a folder writes it (preview,
 * export, runway, report, refer, generate, pull), so that the folder always holds exactly some
 * completed run's files. docs/outputs.md tells the whole story; in short:
 *
 * - **Whose folder.** A folder is written only if it is new, empty, already carebill's
 *   (it has `.carebill/`) or an output of carebill from before manifests
 *   (`output-legacy.ts`); never the dataset folder being read. Anything else — a dataset,
 *   a home folder — is refused ({@link OutputRefusedError}, exit 2) before any work.
 * - **One run at a time.** The run holds `.carebill/lock` (`output-lock.ts`) from open
 *   to commit or abort; a second run fails fast, or waits with `--wait-lock`.
 * - **Staging.** Files are written into a private folder,
 *   `.carebill/staging.<command>.<pid>.<random>/files/` (mode 0700, created exclusively,
 *   every file created new and never through a link: `write.ts`), never into the folder.
 * - **Commit.** {@link OutputRun.commit} checks that no file of another command or of
 *   nobody would be replaced, then journals and renames the files into place, removes the
 *   previous run's files this run did not write (nothing stale survives), and puts the
 *   manifest (`output-manifest.ts`) in last (`output-commit.ts`).
 * - **Failure.** Anything thrown before the commit point, a signal (`interrupt.ts`) or a
 *   kill leaves the folder as it was; what a kill leaves in `.carebill/` is finished or
 *   removed by the next run or `carebill verify`.
 *
 * A queue worker (#16) writing into a shared folder uses the same calls: open, write into
 * {@link OutputRun.path}, commit; see docs/outputs.md for what it must add.
 *
 * @example
 * await withOutputRun({ folder: 'out', command: 'runway' }, async (run) => {
 *   await run.writeFile('runway.json', json)
 *   await run.commit()
 * })
 */
import { randomBytes } from 'node:crypto';
import { rmdirSync, rmSync, type WriteStream } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isEnvironmentError } from './environment-error.js';
import { faultPoint } from './fault-points.js';
import { deferInterrupts, onInterrupt } from './interrupt.js';
import {
  type CommitJournal,
  ensureParentFolders,
  JOURNAL_FORMAT,
  recoverOutputFolder,
  rollForward,
  writeJournal,
} from './output-commit.js';
import { IGNORED_NAMES, isLegacyOutputFolder, legacyPreviousFiles } from './output-legacy.js';
import { acquireFolderLock, type FolderLock } from './output-lock.js';
import {
  CONTROL_DIR,
  hashDatasetFiles,
  isSafeRelativePath,
  MANIFEST_FORMAT,
  type ManifestFile,
  type OutputManifest,
  readManifests,
} from './output-manifest.js';
import { OutputRefusedError } from './output-refused.js';
import { complain } from './terminal.js';
import { digestOfFile, type FileDigest, openNewFile, withPath, writeNewFile } from './write.js';

/** How a command's run is opened. */
export interface OutputRunOptions {
  /** The output folder, as the user named it (made if missing). */
  readonly folder: string;
  /**
   * What the manifest is named after and which earlier files this run replaces:
   * `preview`, `export-<format>`, `runway`, `report`, `refer`, `generate`, `pull`.
   */
  readonly command: string;
  /** The options to record in the manifest (undefined values are left out). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Wait for another run holding the folder instead of failing (`--wait-lock`). */
  readonly waitForLock?: boolean;
  /** Folders the output folder must not be, with what each is (`--data`). */
  readonly notInto?: readonly { readonly path: string; readonly what: string }[];
  /**
   * Files that outlive runs, written only with {@link OutputRun.writeNow} and never
   * removed as stale (refer's `ledger.json`).
   */
  readonly keep?: readonly string[];
  /** Flush every file to disk before the commit (datasets: few, precious files). */
  readonly syncFiles?: boolean;
  /** Where notices go (a stale lock taken over, an interrupted run finished); default stderr. */
  readonly notice?: (text: string) => void;
}

type State = 'open' | 'committing' | 'committed' | 'aborted';

/**
 * Opens an output run: checks the folder may be written, takes its lock, finishes or
 * clears what an interrupted run left, and makes the private staging folder.
 *
 * @example const run = await openOutputRun({ folder: 'out', command: 'preview' })
 */
export async function openOutputRun(options: OutputRunOptions): Promise<OutputRun> {
  const { folder, command } = options;
  if (!/^[a-z0-9-]+$/.test(command)) throw new RangeError(`bad output command "${command}"`);
  const notice = options.notice ?? complain;
  const label = `carebill ${commandName(command)}`;
  await checkFolder(options);
  // The first folder made (`a` of a new `a/b/c`), so a run that fails removes them all again.
  const madeFrom = await mkdir(folder, { recursive: true });
  const controlDir = join(folder, CONTROL_DIR);
  let createdControl = false;
  try {
    await mkdir(controlDir);
    createdControl = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const info = await lstat(controlDir);
    if (!info.isDirectory())
      throw new OutputRefusedError(
        `${controlDir} is not a folder carebill made; move it away and run again`,
      );
  }
  const undoFolders = async () => {
    if (createdControl) await rmdir(controlDir).catch(() => {});
    await removeEmptyFolders(folder, madeFrom);
  };
  let lock: FolderLock;
  try {
    lock = await acquireFolderLock(controlDir, {
      command,
      folder,
      wait: options.waitForLock === true,
      notice: (text) => notice(`${label}: ${text}`),
    });
  } catch (error) {
    await undoFolders();
    throw error;
  }
  try {
    const recovery = await recoverOutputFolder(folder, controlDir);
    for (const done of recovery.finished)
      notice(
        `${label}: finished the commit of an interrupted ${done} run in ${folder} (its files were complete)\n`,
      );
    for (const name of recovery.discarded)
      notice(`${label}: removed ${join(controlDir, name)}, left by an interrupted run\n`);
    const manifests = await readManifests(controlDir);
    const previous =
      manifests.get(command)?.files.map((f) => f.path) ??
      (await legacyPreviousFiles(command, folder));
    const stagingName = `staging.${command}.${process.pid}.${randomBytes(6).toString('hex')}`;
    const stagingRoot = join(controlDir, stagingName);
    await mkdir(stagingRoot, { mode: 0o700 });
    await mkdir(join(stagingRoot, 'files'), { mode: 0o700 });
    return new OutputRun({
      options,
      controlDir,
      stagingName,
      lock,
      manifests,
      previous,
      undoFolders: { createdControl, madeFrom },
    });
  } catch (error) {
    await lock.release();
    await undoFolders();
    throw error;
  }
}

/**
 * Runs `work` in an output run and aborts the run unless `work` committed it — on a
 * thrown error, or when it returns without committing (dataset errors: nothing written).
 *
 * @example const code = await withOutputRun({ folder: 'out', command: 'runway' }, async (run) => { …; await run.commit(); return 0 })
 */
export async function withOutputRun<T>(
  options: OutputRunOptions,
  work: (run: OutputRun) => Promise<T>,
): Promise<T> {
  const run = await openOutputRun(options);
  try {
    return await work(run);
  } catch (error) {
    throw run.explain(error);
  } finally {
    await run.abort();
  }
}

/** Checks the folder may be written (or is new). */
async function checkFolder(options: OutputRunOptions): Promise<void> {
  const { folder, command } = options;
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (info === null) return;
  if (!info.isDirectory())
    throw new OutputRefusedError(`${folder} is not a folder: --out must name a folder`);
  const real = await realpath(folder);
  for (const other of options.notInto ?? []) {
    const otherReal = await realpath(other.path).catch(() => null);
    if (otherReal === real)
      throw new OutputRefusedError(
        `refusing to write into ${folder}: it is ${other.what}. Choose another --out folder.`,
      );
  }
  const entries = (await readdir(folder)).filter((name) => !IGNORED_NAMES.has(name));
  if (entries.includes(CONTROL_DIR) || entries.length === 0) return;
  if (await isLegacyOutputFolder(command, folder, entries)) return;
  const shown = entries.sort().slice(0, 3).join(', ');
  throw new OutputRefusedError(
    `refusing to write into ${folder}: it holds files carebill did not write ` +
      `(${shown}${entries.length > 3 ? ', …' : ''}) and no carebill manifest. ` +
      'Choose a new or empty --out folder (or one carebill wrote before).',
  );
}

interface RunParts {
  readonly options: OutputRunOptions;
  readonly controlDir: string;
  readonly stagingName: string;
  readonly lock: FolderLock;
  readonly manifests: Map<string, OutputManifest>;
  readonly previous: readonly string[];
  readonly undoFolders: { readonly createdControl: boolean; readonly madeFrom: string | undefined };
}

/** An open output run; see the module comment. */
export class OutputRun {
  /** The output folder, as the user named it. */
  readonly folder: string;
  /** The command, as in the manifest's name. */
  readonly command: string;
  /** Where this run's files go until the commit: write `<relative path>` here. */
  readonly staging: string;
  private readonly parts: RunParts;
  private readonly stagingRoot: string;
  private readonly recorded = new Map<string, FileDigest>();
  private readonly keep: ReadonlySet<string>;
  private dataset: OutputManifest['dataset'] = null;
  private state: State = 'open';
  private nowCount = 0;
  /** The manifest now in the folder for this command, once {@link writeNow} wrote one. */
  private current: OutputManifest | undefined;
  private readonly offInterrupt: () => void;
  /** Folders made in the output folder before the commit point, removed again on abort. */
  private readonly createdFolders: string[] = [];

  /** @internal use {@link openOutputRun} */
  constructor(parts: RunParts) {
    this.parts = parts;
    this.folder = parts.options.folder;
    this.command = parts.options.command;
    this.stagingRoot = join(parts.controlDir, parts.stagingName);
    this.staging = join(this.stagingRoot, 'files');
    this.keep = new Set(parts.options.keep ?? []);
    this.current = parts.manifests.get(this.command);
    this.offInterrupt = onInterrupt((signal) => this.interrupted(signal));
  }

  /**
   * The staging path of a file of this run (`relative` is `/`-separated, inside the folder).
   *
   * @example run.path('invoices/X.pdf')
   */
  path(relativePath: string): string {
    if (!isSafeRelativePath(relativePath))
      throw new RangeError(
        `not a file name inside the output folder: ${JSON.stringify(relativePath)}`,
      );
    return join(this.staging, ...relativePath.split('/'));
  }

  /** The name a user knows for a path of this run (a staging path shown as its final one). */
  displayPath(path: string): string {
    const inStaging = relative(this.staging, path);
    if (!inStaging.startsWith('..') && inStaging !== '')
      return join(this.folder, inStaging.replace(/\.carebill-tmp\.(.+)\.\d+\.[0-9a-f]+$/, '$1'));
    const inRoot = relative(this.stagingRoot, path);
    if (!inRoot.startsWith('..')) return this.folder;
    return path;
  }

  /**
   * Makes a folder (and its parents) in the staging folder.
   *
   * @example await run.makeFolder('invoices')
   */
  async makeFolder(relativePath: string): Promise<void> {
    this.assertOpen();
    await mkdir(this.path(relativePath), { recursive: true, mode: 0o755 });
  }

  /**
   * Writes a file of this run.
   *
   * @example await run.writeFile('preview.json', json)
   */
  async writeFile(relativePath: string, data: string | Uint8Array): Promise<void> {
    this.assertOpen();
    const path = this.path(relativePath);
    await this.makeParent(relativePath);
    faultPoint('stage-file', this.displayPath(path));
    const sync = this.parts.options.syncFiles === true;
    this.recorded.set(relativePath, await writeNewFile(path, data, { sync }));
  }

  /**
   * Writes a file of this run through a stream: `produce` writes into it (and may end it).
   *
   * @example await run.writeStream('preview.xlsx', (stream) => writePreviewWorkbook(preview, stream))
   */
  async writeStream(
    relativePath: string,
    produce: (stream: WriteStream) => Promise<void>,
  ): Promise<void> {
    this.assertOpen();
    const path = this.path(relativePath);
    await this.makeParent(relativePath);
    faultPoint('stage-file', this.displayPath(path));
    const handle = await openNewFile(path);
    const stream = handle.createWriteStream();
    // A writer that stops on a stream error (a full disk) must not leave us waiting for it.
    let streamError: unknown;
    const closed = new Promise<void>((resolve) => stream.once('close', resolve));
    const failed = new Promise<never>((_, reject) =>
      stream.once('error', (error) => {
        streamError = error;
        reject(error);
      }),
    );
    failed.catch(() => {});
    try {
      await Promise.race([produce(stream), failed]);
      if (!stream.writableEnded) stream.end();
      await Promise.race([closed, failed]);
      if (streamError !== undefined) throw streamError;
    } catch (error) {
      stream.destroy();
      await closed;
      throw withPath(error, path);
    }
    if (this.parts.options.syncFiles === true) {
      const again = await open(path, 'r');
      try {
        await again.sync();
      } finally {
        await again.close();
      }
    }
  }

  /**
   * Records the size and hash of a file another process wrote into {@link staging}, so the
   * commit need not read it again.
   *
   * @example run.record(job.path, digest)
   */
  record(path: string, digest: FileDigest): void {
    const relativePath = relative(this.staging, path).split(sep).join('/');
    if (isSafeRelativePath(relativePath)) this.recorded.set(relativePath, digest);
  }

  /** The SHA-256 of the dataset the run read, once {@link setDataset} recorded it. */
  get datasetSha256(): string | undefined {
    return this.dataset?.sha256;
  }

  /**
   * Records the dataset the run read: its folder and {@link hashDatasetFiles} of its files.
   *
   * @example run.setDataset(args.data, hashDatasetFiles(digests))
   */
  setDataset(path: string, sha256: string): void {
    this.dataset = { path, sha256 };
  }

  /**
   * Puts a file that outlives runs (one of `keep`) into the folder now, not at the commit,
   * journaled like a commit and with this command's manifest updated: refer's ledger is
   * written after each send, so a run stopped later still remembers what it sent.
   *
   * @example await run.writeNow('ledger.json', ledgerText)
   */
  async writeNow(relativePath: string, data: string): Promise<void> {
    this.assertOpen();
    if (!this.keep.has(relativePath))
      throw new RangeError(`${relativePath} is not a file kept across runs`);
    this.nowCount += 1;
    const from = `now-${this.nowCount}`;
    const digest = await writeNewFile(join(this.stagingRoot, from), data, { sync: true });
    const base = this.current ?? (await this.manifestOfPrevious());
    const manifest = this.manifest(
      [...base.files.filter((f) => f.path !== relativePath), { path: relativePath, ...digest }],
      base,
    );
    await deferInterrupts(async () => {
      const journal: CommitJournal = {
        carebill_commit: JOURNAL_FORMAT,
        command: this.command,
        staging: this.parts.stagingName,
        install: [{ from, to: relativePath }],
        remove: [],
        manifest,
        partial: true,
      };
      await writeJournal(this.parts.controlDir, journal);
      await rollForward(this.folder, this.parts.controlDir, journal);
    });
    this.current = manifest;
  }

  /**
   * Puts this run's files in place of the previous run's, with the manifest last, and
   * releases the folder. Refuses (before changing anything) to replace a file another
   * command wrote or one carebill did not write.
   *
   * @example const manifest = await run.commit()
   */
  async commit(): Promise<OutputManifest> {
    this.assertOpen();
    faultPoint('commit-prepare');
    const files = await this.stagedFiles();
    const previous = new Set(this.current?.files.map((f) => f.path) ?? this.parts.previous);
    await this.checkReplacements(files, previous);
    const kept: ManifestFile[] = [];
    for (const path of this.keep) {
      const digest = await digestOfFile(join(this.folder, path)).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null;
          throw error;
        },
      );
      if (digest !== null) kept.push({ path, ...digest });
    }
    const written = new Set(files.map((f) => f.path));
    const manifest = this.manifest([...files, ...kept], undefined);
    const journal: CommitJournal = {
      carebill_commit: JOURNAL_FORMAT,
      command: this.command,
      staging: this.parts.stagingName,
      install: files.map((f) => ({ from: `files/${f.path}`, to: f.path })),
      remove: [...previous].filter((p) => !written.has(p) && !this.keep.has(p)).sort(),
      manifest,
    };
    faultPoint('commit-staged');
    this.state = 'committing';
    await deferInterrupts(async () => {
      await writeJournal(this.parts.controlDir, journal);
      await rollForward(this.folder, this.parts.controlDir, journal);
      this.state = 'committed';
      await this.parts.lock.release();
    });
    this.offInterrupt();
    return manifest;
  }

  /**
   * Gives up the run: removes the staging folder and the lock, and the folder itself if
   * this run made it and it is still empty. Does nothing after a commit; safe to repeat.
   *
   * @example await run.abort()
   */
  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    const committing = this.state === 'committing';
    this.state = 'aborted';
    this.offInterrupt();
    if (committing) {
      // Past the commit point: the journal and the staged files finish the commit on the
      // next run or `carebill verify`; removing them now would lose the run half-way.
      await this.parts.lock.release();
      return;
    }
    await rm(this.stagingRoot, { recursive: true, force: true, maxRetries: 3 });
    for (const dir of [...this.createdFolders].reverse()) await rmdir(dir).catch(() => {});
    await this.parts.lock.release();
    if (this.parts.undoFolders.createdControl) await rmdir(this.parts.controlDir).catch(() => {});
    await removeEmptyFolders(this.folder, this.parts.undoFolders.madeFrom);
  }

  /**
   * The error to report for a failure during the run: an environment failure names the
   * file by its final name, not its staging path.
   *
   * @example throw run.explain(error)
   */
  explain(error: unknown): unknown {
    if (!isEnvironmentError(error)) return error;
    const shown = (path: string | undefined) =>
      path === undefined ? undefined : this.displayPath(path);
    return Object.assign(error, {
      ...(error.path !== undefined && { path: shown(error.path) }),
      ...(error.dest !== undefined && { dest: shown(error.dest) }),
      outputFolder: this.folder,
      outputChanged: this.state === 'committing',
    });
  }

  private interrupted(signal: NodeJS.Signals): void {
    const label = `carebill ${commandName(this.command)}`;
    if (this.state === 'committed') {
      complain(
        `${label}: ${signal}: stopped after this run's files were in place in ${this.folder}\n`,
      );
      return;
    }
    rmSync(this.stagingRoot, { recursive: true, force: true, maxRetries: 3 });
    this.parts.lock.releaseSync();
    try {
      if (this.parts.undoFolders.createdControl) rmdirSync(this.parts.controlDir);
      removeEmptyFoldersSync(this.folder, this.parts.undoFolders.madeFrom);
    } catch {
      // not empty: leave it
    }
    complain(`${label}: ${signal}: stopped; ${this.folder} is as it was\n`);
  }

  private assertOpen(): void {
    if (this.state !== 'open') throw new Error(`the ${this.command} output run is ${this.state}`);
  }

  private async makeParent(relativePath: string): Promise<void> {
    const parts = relativePath.split('/');
    if (parts.length > 1)
      await mkdir(join(this.staging, ...parts.slice(0, -1)), { recursive: true });
  }

  private manifest(
    files: readonly ManifestFile[],
    base: OutputManifest | undefined,
  ): OutputManifest {
    const options: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(this.parts.options.options ?? {}))
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        options[key] = value;
    return {
      carebill_manifest: MANIFEST_FORMAT,
      command: this.command,
      run: base?.run ?? randomBytes(8).toString('hex'),
      written_at: new Date().toISOString(),
      options: base?.options ?? options,
      dataset: base === undefined ? this.dataset : base.dataset,
      files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    };
  }

  /** The previous run's files as a manifest (hashed now, for a folder from before manifests). */
  private async manifestOfPrevious(): Promise<OutputManifest> {
    const files: ManifestFile[] = [];
    for (const path of this.parts.previous) {
      const digest = await digestOfFile(join(this.folder, path)).catch(() => null);
      if (digest !== null) files.push({ path, ...digest });
    }
    return { ...this.manifest(files, undefined), options: {}, dataset: null };
  }

  /** Every file in the staging folder with its size and hash. */
  private async stagedFiles(): Promise<ManifestFile[]> {
    const files: ManifestFile[] = [];
    const walk = async (dir: string, prefix: string) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const relativePath = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path, relativePath);
        else if (entry.isFile()) {
          if (entry.name.startsWith('.carebill-tmp.')) continue; // a PDF process's unfinished file
          const digest = this.recorded.get(relativePath) ?? (await digestOfFile(path));
          files.push({ path: relativePath, ...digest });
        } else
          throw new OutputRefusedError(
            `${path} is not a file carebill wrote (a link or a device in its private staging folder)`,
          );
      }
    };
    await walk(this.staging, '');
    return files;
  }

  /** Refuses, before the commit point, any replacement the rules forbid. */
  private async checkReplacements(
    files: readonly ManifestFile[],
    previous: ReadonlySet<string>,
  ): Promise<void> {
    const owners = new Map<string, string>();
    for (const [command, manifest] of this.parts.manifests)
      if (command !== this.command) for (const f of manifest.files) owners.set(f.path, command);
    const checked = new Set<string>();
    for (const { path } of files) {
      const target = join(this.folder, path);
      const owner = owners.get(path);
      if (owner !== undefined)
        throw new OutputRefusedError(
          `${target} was written by carebill ${owner}; this ${this.command} run would replace it. ` +
            'Choose another --out folder.',
        );
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = join(this.folder, ...parts.slice(0, i));
        if (!checked.has(dir) && !(await exists(dir))) this.createdFolders.push(dir);
      }
      // Folders are made now, before the commit point, so the commit itself needs no space.
      await ensureParentFolders(this.folder, path, checked);
      const info = await lstat(target).catch(() => null);
      if (info === null) continue;
      if (info.isDirectory())
        throw new OutputRefusedError(
          `${target} is a folder where carebill writes a file; move it away and run again`,
        );
      if (!previous.has(path))
        throw new OutputRefusedError(
          `${target} is already there and carebill did not write it; move it away or choose another --out folder`,
        );
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null)) !== null;
}

/** The command as typed: `export` for the manifest's `export-xero`. */
function commandName(command: string): string {
  return command.replace(/-.*$/, '');
}

/** Removes `folder` and its parents up to `madeFrom` (the first one this run made), while empty. */
async function removeEmptyFolders(folder: string, madeFrom: string | undefined): Promise<void> {
  if (madeFrom === undefined) return;
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    if (
      !(await rmdir(dir).then(
        () => true,
        () => false,
      ))
    )
      return;
    if (dir === resolve(madeFrom) || dir === dirname(dir)) return;
  }
}

function removeEmptyFoldersSync(folder: string, madeFrom: string | undefined): void {
  if (madeFrom === undefined) return;
  for (let dir = resolve(folder); ; dir = dirname(dir)) {
    rmdirSync(dir); // throws when not empty: the caller stops there
    if (dir === resolve(madeFrom) || dir === dirname(dir)) return;
  }
}
