/** Where one pattern occurs in a text: start offsets, ascending, and the 0-based line of each. */
export interface Occurrences {
  starts: number[];
  lines: number[];
}

/**
 * Every occurrence (overlapping ones included) of many strings in one text, found in a single
 * pass over it (Aho–Corasick), so that finding the lines of thousands of distinct versions in a
 * 5 MB file costs one read of the file rather than one per version. Patterns never match across
 * a line break: those containing one, and the empty string, are left out of the result.
 */
export function findOccurrences(
  text: string,
  patterns: Iterable<string>,
): Map<string, Occurrences> {
  const distinct = [...new Set(patterns)].filter(
    (pattern) => pattern.length > 0 && !pattern.includes('\n'),
  );
  const found = new Map<string, Occurrences>();
  if (distinct.length === 0) return found;
  const trie = buildTrie(distinct);
  const results = distinct.map((): Occurrences => ({ starts: [], lines: [] }));
  let state = 0;
  let line = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 10) {
      line++;
      state = 0;
      continue;
    }
    for (;;) {
      const next = trie.child(state, code);
      if (next > 0) {
        state = next;
        break;
      }
      if (state === 0) break;
      state = trie.fail[state] ?? 0;
    }
    for (
      let match = (trie.pattern[state] ?? -1) >= 0 ? state : (trie.outputLink[state] ?? 0);
      match > 0;
      match = trie.outputLink[match] ?? 0
    ) {
      const result = results[trie.pattern[match] ?? 0] as Occurrences;
      result.starts.push(at - (trie.depth[match] ?? 0) + 1);
      result.lines.push(line);
    }
  }
  distinct.forEach((pattern, index) => {
    const result = results[index] as Occurrences;
    if (result.starts.length > 0) found.set(pattern, result);
  });
  return found;
}

interface Trie {
  child(state: number, code: number): number;
  /** The longest proper suffix of a state's string that is also a state. */
  fail: Int32Array;
  /** The pattern a state spells, or -1. */
  pattern: Int32Array;
  /** The next shorter suffix state that spells a pattern, or 0 for none. */
  outputLink: Int32Array;
  depth: Int32Array;
}

const rootChild = new Int32Array(0x10000);
/** The characters the current trie's root has children for. */
const rootCodes: number[] = [];

function buildTrie(patterns: readonly string[]): Trie {
  const size = patterns.reduce((sum, pattern) => sum + pattern.length, 1);
  // Most states have one child (the rest of a single version): kept in two typed arrays, and
  // only branching states get a map. The root, visited at nearly every character, gets a table,
  // one for all texts (a new one for each of thousands of small files would cost more than
  // reading them), emptied again by the next trie.
  for (const code of rootCodes) rootChild[code] = 0;
  rootCodes.length = 0;
  const firstCode = new Int32Array(size).fill(-1);
  const firstChild = new Int32Array(size);
  const moreChildren = new Map<number, Map<number, number>>();
  const parent = new Int32Array(size);
  const viaCode = new Int32Array(size);
  const depth = new Int32Array(size);
  const pattern = new Int32Array(size).fill(-1);
  let states = 1;

  const child = (state: number, code: number): number => {
    if (state === 0) return rootChild[code] ?? 0;
    if (firstCode[state] === code) return firstChild[state] ?? 0;
    return moreChildren.get(state)?.get(code) ?? 0;
  };
  const addChild = (state: number, code: number): number => {
    const created = states++;
    parent[created] = state;
    viaCode[created] = code;
    depth[created] = (depth[state] ?? 0) + 1;
    if (state === 0) {
      rootChild[code] = created;
      rootCodes.push(code);
    } else if (firstCode[state] === -1) {
      firstCode[state] = code;
      firstChild[state] = created;
    } else {
      let more = moreChildren.get(state);
      if (!more) {
        more = new Map();
        moreChildren.set(state, more);
      }
      more.set(code, created);
    }
    return created;
  };

  patterns.forEach((text, index) => {
    let state = 0;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      state = child(state, code) || addChild(state, code);
    }
    pattern[state] = index;
  });

  // Suffix links need those of every shallower state first: states in order of depth.
  const byDepth = Array.from({ length: states - 1 }, (_, index) => index + 1).sort(
    (a, b) => (depth[a] ?? 0) - (depth[b] ?? 0),
  );
  const fail = new Int32Array(states);
  const outputLink = new Int32Array(states);
  for (const state of byDepth) {
    const from = parent[state] ?? 0;
    const code = viaCode[state] ?? 0;
    let link = 0;
    if (from !== 0) {
      let candidate = fail[from] ?? 0;
      while (candidate !== 0 && child(candidate, code) === 0) candidate = fail[candidate] ?? 0;
      link = child(candidate, code);
    }
    fail[state] = link;
    outputLink[state] = (pattern[link] ?? -1) >= 0 ? link : (outputLink[link] ?? 0);
  }
  return { child, fail, pattern, outputLink, depth };
}
