import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pinnedVersion } from '../renovate/report.ts';
import { findOccurrences, type Occurrences } from './pattern-index.ts';

/** What is known about where a pin stands: its value, name, and the text a regex matched. */
export interface PinText {
  currentValue?: string | null;
  /** The line of a pin by digest alone (`image: nginx@sha256:...`) is its digest's. */
  currentDigest?: string | null;
  depName?: string;
  replaceString?: string;
}

/**
 * Finds the 1-based line of each pin in one file. Renovate's report has no line numbers, so
 * the line is found again: the line of the value in the first occurrence of the matched text
 * (regex managers report it), else the first line with the value and the dependency's short
 * name, else the first with the value (as text: `1.1.0` is in `11.1.0`). A line already given
 * to another pin of the same file is skipped, so two pins with the same version (a remote base
 * and a raw URL of one release) get their own lines, and identical lines one each, in order.
 */
export function linesOfPins(content: string, pins: readonly PinText[]): (number | undefined)[] {
  const lines = new PinLines(content, pins);
  return pins.map((pin) => lines.claim(pin));
}

function shortNameOf(depName: string | undefined): string | undefined {
  return depName
    ?.split('/')
    .pop()
    ?.replace(/\.git$/, '');
}

/**
 * How many characters on each side of the value tell one matched text from the others with
 * that value. A longer matched text (a whole Crossplane document) is compared whole, but only
 * at the occurrences whose surroundings agree: several such texts alike around their value and
 * different only further away each walk all of those occurrences.
 */
const contextLength = 64;

const nowhere: Occurrences = { starts: [], lines: [] };

/**
 * The search of `linesOfPins`, linear in the file: every value and short name is found in one
 * pass, and each way of looking for a pin (its matched text, its value with its name, its value
 * alone) keeps a cursor into the lines it may take. Lines once claimed stay claimed, so a search
 * never looks again at what it passed over: the pins of 200,000 identical lines take one walk
 * over them together, where searching from the top for each pin (and counting the lines before
 * each match) took 34 s for 1,000 of them, growing with their cube.
 */
class PinLines {
  readonly #content: string;
  readonly #occurrences: Map<string, Occurrences>;
  /** 1 for a line given to a pin. */
  readonly #claimed: Uint8Array;
  readonly #cursors = new Map<string, number>();
  readonly #distinctLines = new Map<string, readonly number[]>();
  /** A value's occurrences grouped by the text around them, per width of that text. */
  readonly #contexts = new Map<string, Map<string, Occurrences>>();
  #lineStarts: number[] | undefined;

  constructor(content: string, pins: readonly PinText[]) {
    this.#content = content;
    let lineCount = 1;
    for (let at = content.indexOf('\n'); at >= 0; at = content.indexOf('\n', at + 1)) lineCount++;
    this.#claimed = new Uint8Array(lineCount);
    this.#occurrences = findOccurrences(
      content,
      pins.flatMap((pin) => {
        const value = pinnedVersion(pin);
        return value ? [value, shortNameOf(pin.depName) ?? ''] : [];
      }),
    );
  }

  claim(pin: PinText): number | undefined {
    const value = pinnedVersion(pin);
    if (!value) return undefined;
    const line =
      (pin.replaceString ? this.#byMatchedText(value, pin.replaceString) : undefined) ??
      this.#byValueAndName(value, shortNameOf(pin.depName)) ??
      this.#firstFree(`value\0${value}`, this.#linesOf(value));
    if (line === undefined) return undefined;
    this.#claimed[line] = 1;
    return line + 1;
  }

  /**
   * The first free line among `lines` (ascending) whose index passes `test`, from where this
   * search stopped last time: what it passed over was taken, or failed the test, for good.
   */
  #firstFree(
    search: string,
    lines: readonly number[],
    test: (index: number) => boolean = () => true,
  ): number | undefined {
    for (let at = this.#cursors.get(search) ?? 0; at < lines.length; at++) {
      const line = lines[at] as number;
      if (this.#claimed[line] === 0 && test(at)) {
        this.#cursors.set(search, at + 1);
        return line;
      }
    }
    this.#cursors.set(search, lines.length);
    return undefined;
  }

  /** The line of the value in the first occurrence of the matched text whose line is free. */
  #byMatchedText(value: string, replaceString: string): number | undefined {
    const offset = replaceString.indexOf(value);
    const search = `match\0${offset}\0${value}\0${replaceString}`;
    if (offset < 0 || value.includes('\n')) {
      return this.#firstFree(
        search,
        this.#linesOfEachOccurrence(replaceString, Math.max(offset, 0)),
      );
    }
    // Every occurrence of the matched text has the value at `offset`: the candidates are the
    // value's occurrences whose surroundings read as the matched text's do.
    const before = Math.min(offset, contextLength);
    const tail = replaceString.length - offset - value.length;
    const after = Math.min(tail, contextLength);
    const context = replaceString.slice(offset - before, offset + value.length + after);
    const { starts, lines } = this.#byContext(value, before, after).get(context) ?? nowhere;
    if (before === offset && after === tail) return this.#firstFree(search, lines);
    return this.#firstFree(search, lines, (index) => {
      const start = (starts[index] as number) - offset;
      return start >= 0 && this.#content.startsWith(replaceString, start);
    });
  }

  #byContext(value: string, before: number, after: number): Map<string, Occurrences> {
    const group = `${before}\0${after}\0${value}`;
    let byContext = this.#contexts.get(group);
    if (byContext) return byContext;
    byContext = new Map();
    const { starts, lines } = this.#occurrences.get(value) ?? nowhere;
    const width = before + value.length + after;
    for (let index = 0; index < starts.length; index++) {
      const start = starts[index] as number;
      if (start < before || start - before + width > this.#content.length) continue;
      const context = this.#content.slice(start - before, start - before + width);
      let places = byContext.get(context);
      if (!places) {
        places = { starts: [], lines: [] };
        byContext.set(context, places);
      }
      places.starts.push(start);
      places.lines.push(lines[index] as number);
    }
    this.#contexts.set(group, byContext);
    return byContext;
  }

  /**
   * The first free line with both the value and the name: the rarer of the two is walked and
   * looked up in the other, so a name on every line does not make each pin read them all.
   */
  #byValueAndName(value: string, name: string | undefined): number | undefined {
    if (!name) return undefined;
    const valueLines = this.#linesOf(value);
    const nameLines = this.#linesOf(name);
    const [walked, other] =
      valueLines.length <= nameLines.length ? [valueLines, nameLines] : [nameLines, valueLines];
    return this.#firstFree(`both\0${value}\0${name}`, walked, (index) =>
      includes(other, walked[index] as number),
    );
  }

  /** The lines a pattern occurs on, each once, ascending. */
  #linesOf(pattern: string): readonly number[] {
    let lines = this.#distinctLines.get(pattern);
    if (!lines) {
      const all = this.#occurrences.get(pattern)?.lines ?? nowhere.lines;
      lines = all.filter((line, index) => index === 0 || all[index - 1] !== line);
      this.#distinctLines.set(pattern, lines);
    }
    return lines;
  }

  /**
   * The line of the character `shift` into each occurrence of a text, for a matched text that
   * does not hold its value on one line (no manager of ours reports one): one scan of the file
   * per such text.
   */
  #linesOfEachOccurrence(text: string, shift: number): number[] {
    this.#lineStarts ??= lineStarts(this.#content);
    const starts = this.#lineStarts;
    const lines: number[] = [];
    for (let at = this.#content.indexOf(text); at >= 0; at = this.#content.indexOf(text, at + 1)) {
      lines.push(lineAt(starts, at + shift));
    }
    return lines;
  }
}

/** Whether an ascending list holds a number, by binary search. */
function includes(sorted: readonly number[], wanted: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = sorted[middle] as number;
    if (at === wanted) return true;
    if (at < wanted) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

function lineStarts(content: string): number[] {
  const starts = [0];
  for (let at = content.indexOf('\n'); at >= 0; at = content.indexOf('\n', at + 1)) {
    starts.push(at + 1);
  }
  return starts;
}

/** The 0-based line of an offset, by binary search over the line starts. */
function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The line of every dependency of a Renovate run, read from the repository it ran on. */
export async function locateDeps<T extends PinText & { packageFile: string }>(
  dir: string,
  deps: readonly T[],
): Promise<Map<T, number | undefined>> {
  const byFile = new Map<string, T[]>();
  for (const dep of deps) {
    const inFile = byFile.get(dep.packageFile);
    if (inFile) inFile.push(dep);
    else byFile.set(dep.packageFile, [dep]);
  }
  const located = new Map<T, number | undefined>();
  for (const [file, inFile] of byFile) {
    const content = await readFile(path.join(dir, file), 'utf8').catch(() => '');
    linesOfPins(content, inFile).forEach((line, index) => {
      located.set(inFile[index] as T, line);
    });
  }
  return located;
}
