/**
 * A textual edit of one compiled Renovate file: `find` must occur exactly once, so that a
 * Renovate upgrade that moves the code makes the bench fail instead of silently measuring an
 * unpatched Renovate as the floor.
 */
export interface RenovateEdit {
  find: string;
  replace: string;
}

/** One change an upstream Renovate could make, as edits of its compiled `dist/` files. */
export interface RenovatePatch {
  name: string;
  /** The TypeScript source and function upstream, for the note in BENCHMARKS.md. */
  upstream: string;
  /** What the patch changes and why it is safe. */
  description: string;
  /** Path inside the renovate package, e.g. `dist/util/regex.js`. */
  file: string;
  edits: RenovateEdit[];
}

/**
 * `regEx()` caches only patterns without `g` (renovatebot/renovate#18645: a cached global
 * regex kept the `lastIndex` of its last use), so every custom regex manager compiles each
 * match string again for every file it reads. Here every pattern is cached by pattern and
 * flags, and a cached instance starts from `lastIndex` 0 whenever it is handed out, which is
 * the clean state #18645 asked for: `exec` loops start at 0, and RE2's `matchAll` (which clones
 * and copies `lastIndex`) does too. What stays shared is one instance between two callers that
 * ask for the same pattern and flags; Renovate's exec loops (`regexMatchAll`) are synchronous,
 * so they cannot interleave.
 */
const regexCache: RenovatePatch = {
  name: 'regex cache',
  upstream: '`regEx()` in `lib/util/regex.ts`',
  description:
    'caches global (`g`) regexes too, keyed by pattern and flags, and resets `lastIndex` to 0 each time it hands out a cached instance',
  file: 'dist/util/regex.js',
  edits: [
    {
      find: [
        '\tif (canBeCached && flags?.includes("g")) canBeCached = false;',
        '\tif (canBeCached && isRegExp(pattern) && pattern.flags.includes("g")) canBeCached = false;',
        '',
      ].join('\n'),
      replace: '',
    },
    {
      find: '\t\tif (cachedResult) return cachedResult;',
      replace: [
        '\t\tif (cachedResult) {',
        '\t\t\tcachedResult.lastIndex = 0;',
        '\t\t\treturn cachedResult;',
        '\t\t}',
      ].join('\n'),
    },
  ],
};

/**
 * The JSONata manager parses its query again for every file (`jsonata(query)`). A compiled
 * expression can be reused, but `evaluate(input)` without bindings binds `$` and top-level
 * `:=` variables in the expression's own frame, which two evaluations in flight at once (two
 * managers with the same query; evaluation is async) would share; `evaluate(input, {})` gives
 * every evaluation a frame of its own.
 */
const jsonataCache: RenovatePatch = {
  name: 'JSONata cache',
  upstream: '`handleMatching()` in `lib/modules/manager/custom/jsonata/utils.ts`',
  description:
    'compiles each JSONata query once per process, keyed by the query text, and evaluates it with a frame of its own per file',
  file: 'dist/modules/manager/custom/jsonata/utils.js',
  edits: [
    {
      find: '//#region lib/modules/manager/custom/jsonata/utils.ts\n',
      replace:
        '//#region lib/modules/manager/custom/jsonata/utils.ts\nconst compiledQueries = /* @__PURE__ */ new Map();\n',
    },
    {
      find: '\t\tconst jsonataExpression = jsonata(query);',
      replace: [
        '\t\tlet jsonataExpression = compiledQueries.get(query);',
        '\t\tif (!jsonataExpression) {',
        '\t\t\tjsonataExpression = jsonata(query);',
        '\t\t\tcompiledQueries.set(query, jsonataExpression);',
        '\t\t}',
      ].join('\n'),
    },
    {
      find: '\t\t\tqueryResult = await jsonataExpression.evaluate(json);',
      replace: '\t\t\tqueryResult = await jsonataExpression.evaluate(json, {});',
    },
  ],
};

/**
 * Custom managers fill `datasourceTemplate`, `depNameTemplate`, ... through `compile()`, which
 * calls `handlebars.compile()` for every dependency: Handlebars parses the template and
 * generates a function again each time. A compiled template is a pure function of the template
 * text and options (helpers are looked up when it runs), so it can be kept.
 */
const templateCache: RenovatePatch = {
  name: 'template cache',
  upstream: '`compile()` in `lib/util/template/index.ts`',
  description: 'compiles each Handlebars template once per process, keyed by the template text',
  file: 'dist/util/template/index.js',
  edits: [
    {
      find: 'function compile(template, input, filterFields = true) {\n',
      replace:
        'const compiledTemplates = /* @__PURE__ */ new Map();\nfunction compile(template, input, filterFields = true) {\n',
    },
    {
      find: '\tconst result = handlebars.compile(template, { noEscape: true })(filteredInput);',
      replace: [
        '\tlet compiledTemplate = compiledTemplates.get(template);',
        '\tif (!compiledTemplate) {',
        '\t\tcompiledTemplate = handlebars.compile(template, { noEscape: true });',
        '\t\tcompiledTemplates.set(template, compiledTemplate);',
        '\t}',
        '\tconst result = compiledTemplate(filteredInput);',
      ].join('\n'),
    },
  ],
};

/**
 * Every per-file (or per-dependency) compilation the preset pays for in Renovate 44's extract.
 * File patterns are not among them: `managerFilePatterns` regexes go through `regEx()` without
 * `g` (cached) and globs through Renovate's cached `minimatch()`.
 */
export const renovatePatches: readonly RenovatePatch[] = [regexCache, jsonataCache, templateCache];
