import { type FileToWrite, writeFilesAtomically } from '../build/write-files-atomically.ts';
import { UserError } from '../shared/user-error.ts';

/**
 * Writes files into a user's repository, all or none. A file system refusal (a read-only
 * directory, a file where a folder should be) is the user's to fix, so it becomes a message
 * rather than a stack trace.
 */
export async function writeUserFiles(root: string, files: readonly FileToWrite[]): Promise<void> {
  try {
    await writeFilesAtomically(root, files);
  } catch (err) {
    const failure = err as NodeJS.ErrnoException;
    if (!failure.code) throw err;
    throw new UserError(
      `cannot write ${files.map((file) => file.path).join(', ')}: ${failure.message}. Nothing was written`,
      1,
    );
  }
}
