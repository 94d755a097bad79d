import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** What is known about where a pin stands: its value, name, and the text a regex matched. */
export interface PinText {
  currentValue?: string | null;
  depName?: string;
  replaceString?: string;
}

/**
 * Finds the 1-based line of each pin in one file. Renovate's report has no line numbers, so
 * the line is found again: the line where the matched text (regex managers report it) ends,
 * else the first line with the value and the dependency's short name, else the first with the
 * value. A line already given to another pin of the same file is skipped, so two pins with the
 * same version (a remote base and a raw URL of one release) get their own lines.
 */
export function linesOfPins(content: string, pins: readonly PinText[]): (number | undefined)[] {
  const lines = content.split('\n');
  const claimed = new Set<number>();
  const claim = (index: number) => {
    claimed.add(index);
    return index + 1;
  };
  return pins.map((pin) => {
    const value = pin.currentValue;
    if (!value) return undefined;
    if (pin.replaceString) {
      let from = 0;
      for (
        let at = content.indexOf(pin.replaceString);
        at >= 0;
        at = content.indexOf(pin.replaceString, from)
      ) {
        const start = content.slice(0, at).split('\n').length - 1;
        const offset = pin.replaceString.indexOf(value);
        const index = offset >= 0 ? content.slice(0, at + offset).split('\n').length - 1 : start;
        if (!claimed.has(index)) return claim(index);
        from = at + 1;
      }
    }
    const shortName = pin.depName
      ?.split('/')
      .pop()
      ?.replace(/\.git$/, '');
    const free = (test: (line: string) => boolean) =>
      lines.findIndex((line, index) => !claimed.has(index) && test(line));
    const both = shortName ? free((line) => line.includes(value) && line.includes(shortName)) : -1;
    const index = both >= 0 ? both : free((line) => line.includes(value));
    return index >= 0 ? claim(index) : undefined;
  });
}

/** The line of every dependency of a Renovate run, read from the repository it ran on. */
export async function locateDeps<T extends PinText & { packageFile: string }>(
  dir: string,
  deps: readonly T[],
): Promise<Map<T, number | undefined>> {
  const located = new Map<T, number | undefined>();
  for (const file of new Set(deps.map((dep) => dep.packageFile))) {
    const inFile = deps.filter((dep) => dep.packageFile === file);
    const content = await readFile(path.join(dir, file), 'utf8').catch(() => '');
    linesOfPins(content, inFile).forEach((line, index) => {
      const dep = inFile[index];
      if (dep) located.set(dep, line);
    });
  }
  return located;
}
