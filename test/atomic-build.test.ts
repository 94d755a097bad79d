import { execFile } from 'node:child_process';
import {
  appendFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type FileOperations,
  type FileToWrite,
  nodeFileOperations,
  writeFilesAtomically,
} from '../src/build/write-files-atomically.ts';
import { generatedFiles } from '../src/build/write-presets.ts';
import { allPresets } from '../src/presets/index.ts';
import { projectRoot } from './harness/paths.ts';

const run = promisify(execFile);

/** Every file below `dir`, relative to it, with its content. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const contents = await Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), await readFile(file, 'utf8')] as const;
    }),
  );
  return Object.fromEntries(contents.sort(([a], [b]) => a.localeCompare(b)));
}

/** The real operations, recorded, with one call made to fail. */
function recordingOperations(failOn?: { call: keyof FileOperations; nth: number }) {
  const calls: { call: keyof FileOperations; args: string[] }[] = [];
  const counts = new Map<keyof FileOperations, number>();
  const wrap =
    <K extends keyof FileOperations>(call: K) =>
    async (...args: string[]) => {
      calls.push({ call, args });
      const count = (counts.get(call) ?? 0) + 1;
      counts.set(call, count);
      if (failOn?.call === call && failOn.nth === count) {
        throw Object.assign(new Error(`injected failure of ${call} #${count}`), { code: 'EIO' });
      }
      return (nodeFileOperations[call] as (...a: string[]) => Promise<unknown>)(...args);
    };
  const operations = {
    mkdir: wrap('mkdir'),
    writeFile: wrap('writeFile'),
    rename: wrap('rename'),
    keepCopy: wrap('keepCopy'),
    exists: wrap('exists'),
    remove: wrap('remove'),
  } as FileOperations;
  return { operations, calls };
}

describe('writeFilesAtomically', () => {
  let root: string;
  const previous = {
    'default.json': 'OLD default\n',
    'presets/a.json': 'OLD a\n',
    'presets/b.json': 'OLD b\n',
  };
  const next: FileToWrite[] = [
    { path: 'default.json', content: 'NEW default\n' },
    { path: 'presets/a.json', content: 'NEW a\n' },
    { path: 'presets/b.json', content: 'NEW b\n' },
    { path: 'presets/c.json', content: 'NEW c (a file that did not exist)\n' },
  ];

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'atomic-write-'));
    await mkdir(path.join(root, 'presets'));
    for (const [file, content] of Object.entries(previous)) {
      await writeFile(path.join(root, file), content);
    }
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes every file to a temporary sibling first and only renames into place', async () => {
    const { operations, calls } = recordingOperations();
    await writeFilesAtomically(root, next, operations);

    const targets = next.map((file) => path.join(root, file.path));
    const written = calls.filter(({ call }) => call === 'writeFile').map(({ args }) => args[0]);
    expect(written.filter((file) => targets.includes(file ?? ''))).toEqual([]);
    const renamed = calls.filter(({ call }) => call === 'rename').map(({ args }) => args);
    expect(renamed.map(([, to]) => to)).toEqual(targets);
    expect(renamed.map(([from]) => from)).toEqual(written);
    const lastWrite = calls.findLastIndex(({ call }) => call === 'writeFile');
    const firstRename = calls.findIndex(({ call }) => call === 'rename');
    expect(lastWrite).toBeLessThan(firstRename);
    expect(await snapshot(root)).toEqual(
      Object.fromEntries(next.map((file) => [file.path, file.content])),
    );
  });

  it.each`
    failure                                                    | call           | nth
    ${'the disk fills while writing the third file'}           | ${'writeFile'} | ${3}
    ${'the previous version of a file cannot be kept'}         | ${'keepCopy'}  | ${2}
    ${'the third rename fails, after two files were replaced'} | ${'rename'}    | ${3}
    ${'the last rename fails, after a new file was created'}   | ${'rename'}    | ${4}
  `('leaves the previous files intact and nothing else when $failure', async ({ call, nth }) => {
    const { operations } = recordingOperations({ call, nth });
    await expect(writeFilesAtomically(root, next, operations)).rejects.toThrow(/injected failure/);
    expect(await snapshot(root)).toEqual(previous);
  });

  it('fails before replacing anything when a target is a directory', async () => {
    await mkdir(path.join(root, 'presets/c.json'));
    await writeFile(path.join(root, 'presets/c.json/keep'), 'kept\n');
    await expect(writeFilesAtomically(root, next)).rejects.toThrow();
    expect(await snapshot(root)).toEqual({ ...previous, 'presets/c.json/keep': 'kept\n' });
  });

  it('fails before replacing anything when a folder cannot be created', async () => {
    const files = [...next, { path: 'default.json/inside.json', content: 'x' }];
    await expect(writeFilesAtomically(root, files)).rejects.toThrow();
    expect(await snapshot(root)).toEqual(previous);
  });
});

/**
 * The real `build` command in a copy of this package: a build that fails leaves every
 * generated file as it was, and the next good build writes them all.
 */
describe('renovate-gitops build', () => {
  let copy: string;
  const generated = generatedFiles(allPresets).map((file) => file.path);

  beforeEach(async () => {
    copy = await mkdtemp(path.join(tmpdir(), 'package-copy-'));
    for (const entry of ['src', 'package.json', 'default.json', 'presets']) {
      await cp(path.join(projectRoot, entry), path.join(copy, entry), { recursive: true });
    }
    await symlink(path.join(projectRoot, 'node_modules'), path.join(copy, 'node_modules'));
    for (const file of generated) {
      await writeFile(path.join(copy, file), `previous ${file}\n`);
    }
  });
  afterEach(() => rm(copy, { recursive: true, force: true }));

  const build = () =>
    run(process.execPath, ['src/cli/main.ts', 'build'], { cwd: copy }).then(
      () => 0,
      (err: { code?: number }) => err.code ?? 1,
    );
  const previousFiles = () =>
    Object.fromEntries(generated.map((file) => [file, `previous ${file}\n`]));
  const generatedNow = async () =>
    Object.fromEntries(
      await Promise.all(
        generated.map(async (file) => [file, await readFile(path.join(copy, file), 'utf8')]),
      ),
    );

  it('keeps every previous file when one target cannot be written', async () => {
    const blocked = path.join(copy, 'presets/policy.json');
    await rm(blocked);
    await mkdir(blocked);
    expect(await build()).not.toBe(0);
    for (const [file, content] of Object.entries(previousFiles())) {
      if (file !== 'presets/policy.json') {
        expect(await readFile(path.join(copy, file), 'utf8'), file).toBe(content);
      }
    }
    expect(await readdir(path.join(copy, 'presets'))).toEqual(
      generated
        .filter((file) => file.startsWith('presets/'))
        .map((file) => path.basename(file))
        .sort(),
    );
  });

  it('keeps every previous file when a preset source fails to build', async () => {
    await appendFile(
      path.join(copy, 'src/presets/policy.ts'),
      "\nthrow new Error('a broken preset source');\n",
    );
    expect(await build()).not.toBe(0);
    expect(await generatedNow()).toEqual(previousFiles());
  });

  it('writes every file, and nothing else, when the build succeeds', async () => {
    expect(await build()).toBe(0);
    expect(await generatedNow()).toEqual(
      Object.fromEntries(generatedFiles(allPresets).map((file) => [file.path, file.content])),
    );
    expect(
      (await readdir(path.join(copy, 'presets'))).filter((name) => /\.(tmp|bak)$/.test(name)),
    ).toEqual([]);
  });
});
