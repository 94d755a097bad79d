/**
 * Run by bench/patched-renovate.ts in Renovate's own Node, with the patched copy's
 * `dist/util/regex.js` as argument: the floor is only worth its number if the patched
 * `regEx()` runs on RE2, really caches global regexes, and never lets one use's `lastIndex`
 * reach the next. Exits 1 with the first failed expectation.
 */
import { pathToFileURL } from 'node:url';

interface RegexModule {
  /** An RE2 instance, which stands in for a RegExp everywhere Renovate uses one. */
  regEx(pattern: string, flags?: string): RegExp;
  regexEngineStatus: { type: string };
}

function expect(condition: boolean, what: string): void {
  if (!condition) {
    process.stderr.write(`${what}\n`);
    process.exit(1);
  }
}

const file = process.argv[2];
if (!file) throw new Error('usage: patched-regex-check.ts <renovate>/dist/util/regex.js');
const { regEx, regexEngineStatus } = (await import(pathToFileURL(file).href)) as RegexModule;

expect(regexEngineStatus.type === 'available', `RE2 is ${regexEngineStatus.type}, not available`);
const pattern = 'image: (?<depName>[a-z]+)';
const first = regEx(pattern, 'g');
first.exec('image: a image: b');
expect(first.lastIndex > 0, 'exec on a global RE2 did not advance lastIndex');
const second = regEx(pattern, 'g');
expect(second === first, 'a global regex was compiled again instead of taken from the cache');
expect(second.lastIndex === 0, 'a cached global regex was handed out with its last lastIndex');
// RE2's matchAll clones the regex but starts at the original's lastIndex: a leak would show here.
first.exec('image: a image: b');
const matches = [...'image: a image: b'.matchAll(regEx(pattern, 'g'))];
expect(matches.length === 2, `matchAll found ${matches.length} of 2 matches after a reuse`);
expect(regEx(pattern) !== first, 'the cache key ignores the flags');
