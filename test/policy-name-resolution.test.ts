import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { writeFiles } from '../bench/write-repo.ts';
import { closestMatch, levenshtein } from '../src/policy/closest-match.ts';
import { type ClusterRepo, detemplate, scanClusterRepo } from '../src/policy/cluster-repo.ts';
import { compilePolicy, type RenovateChecks } from '../src/policy/compile-policy.ts';
import { formatDiagnostic } from '../src/policy/diagnostics.ts';
import { json5Locator } from '../src/policy/json5-locate.ts';
import { parsePolicyFile } from '../src/policy/policy-file.ts';
import { parseYamlDocuments } from '../src/policy/yaml-documents.ts';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';

describe('detemplate, where actions share or cross lines', () => {
  it.each`
    case                                                    | source                                                      | text                                                     | expressions
    ${'an action after one that began a line above'}        | ${'{{- if and .a\n    .b }}{{ .Values.c }}\nchart: x'}      | ${'             \n         __tmpl0__\nchart: x'}         | ${[' .Values.c ']}
    ${'an action beside the tail of one from a line above'} | ${'chart: {{ .Values.a {{ b\n c }} {{ d }}\n'}              | ${'chart: __tmpl0__\n __tmpl1__\n'}                      | ${[' .Values.a {{ b\n c ', ' d ']}
    ${'an action running on past its line'}                 | ${'{{- range .x }}\n  version: {{ .Values.v }} {{ w\n}}\n'} | ${'               \n  version: __tmpl0__ __tmpl1__\n\n'} | ${[' .Values.v ', ' w\n']}
    ${'three actions alone on a line, then one with text'}  | ${'{{ a }} {{ b }} {{ c }}\n{{ d }} e\n'}                   | ${'                       \n__tmpl0__ e\n'}              | ${[' d ']}
    ${'actions inside a flow list'}                         | ${'list: [{{ .a }}, {{ .b }}]\n  {{- end }}'}               | ${'list: [__tmpl0__, __tmpl1__]\n            '}          | ${[' .a ', ' .b ']}
  `('$case', ({ source, text, expressions }) => {
    const result = detemplate(source);
    expect(result.text).toBe(text);
    expect([...result.expressions.values()]).toEqual(expressions);
  });

  it('reads a one-line template of 40,000 actions', () => {
    const source = `list: [${Array.from({ length: 40_000 }, (_, index) => `{name: {{ .Values.n${index} }}}`).join(', ')}]`;
    const { text, expressions } = detemplate(source);
    expect(expressions.size).toBe(40_000);
    expect(text.endsWith('{name: __tmpl39999__}]')).toBe(true);
  });
});

describe('parseYamlDocuments', () => {
  it.each([
    'a: 1\nb: 2\na: 3\n',
    'a: 1\n---\nb: {x: 1, x: 2}\n',
    '1: a\n01: b\n"1": c\n',
    '~: a\nnull: b\n',
    '.nan: a\n.nan: b\n',
    'true: a\nTrue: b\n',
    '? [a]\n: 1\n? [a]\n: 2\n',
    'x:\n  y: 1\n  y: 2\n  z: [a, b\nq: 1\n',
    'x:\n  z: [a, b\n  y: 1\n  y: 2\nq: 1\n',
    '{a: 2, b: {c: 1, c: 2}, a: 1}',
    '<<: {a: 1}\n<<: {b: 2}\n',
    '- a: 1\n  a: 2\n- [x: 1, x: 2]\n',
  ])('finds the first error of each document in %j where yaml with unique keys does', (text) => {
    const firstErrors = (documents: Iterable<{ errors: { code: string; pos: number[] }[] }>) =>
      [...documents].map(({ errors: [first] }) => first && `${first.code}@${first.pos[0]}`);
    expect(firstErrors(parseYamlDocuments(text))).toEqual(firstErrors(parseAllDocuments(text)));
  });
});

describe('closest match', () => {
  it.each`
    a           | b            | limit        | distance
    ${'kitten'} | ${'sitting'} | ${undefined} | ${3}
    ${'kitten'} | ${'sitting'} | ${3}         | ${3}
    ${'kitten'} | ${'sitting'} | ${2}         | ${3}
    ${'a'}      | ${'abcdef'}  | ${1}         | ${2}
    ${''}       | ${'abc'}     | ${undefined} | ${3}
  `('levenshtein($a, $b, $limit) = $distance', ({ a, b, limit, distance }) => {
    expect(levenshtein(a, b, limit)).toBe(distance);
  });

  it('keeps the first of equally near names among thousands', () => {
    const names = Array.from({ length: 5000 }, (_, index) => `app-${index}`);
    expect(closestMatch('app-12x', names)).toBe('app-12');
    expect(closestMatch('zzzzzz', ['abc', 'xyz', 'zzz'])).toBe('zzz');
  });
});

describe('json5Locator', () => {
  it('locates the first of a key given twice, and every value of a long file', () => {
    const entries = Array.from(
      { length: 2000 },
      (_, index) => `  { application: 'app-${index}' },`,
    );
    const locate = json5Locator(`{ a: 1, a: { b: 2 },\n apps: [\n${entries.join('\n')}\n] }`);
    expect(locate(['a'])).toEqual({ value: { line: 1, column: 6 }, key: { line: 1, column: 3 } });
    expect(locate(['a', 'b'])).toBeUndefined();
    expect(locate(['apps', 1999, 'application'])?.value).toEqual({ line: 2002, column: 18 });
  });
});

describe('policy names resolved in a repository of many applications', () => {
  const count = 1000;
  let repo: ClusterRepo;
  let root: string;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'policy-names-'));
    const application = (index: number) =>
      [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata:',
        `  name: app-${index}`,
        'spec:',
        '  source:',
        `    path: ${index % 2 ? `deploy/app-${index}` : `elsewhere/app-${index}`}`,
      ].join('\n');
    await writeFiles(root, [
      ...Array.from({ length: count }, (_, index) => ({
        path: `apps/app-${index}.yaml`,
        content: application(index),
      })),
      ...Array.from({ length: count / 2 }, (_, index) => ({
        path: `deploy/app-${2 * index + 1}/kustomization.yaml`,
        content: 'resources: []\n',
      })),
      // A duplicate key: Helm and Renovate refuse the file; so does policy, without a trace.
      { path: 'charts/apps/Chart.yaml', content: 'apiVersion: v2\nname: apps\nversion: 1.0.0\n' },
      { path: 'charts/apps/values.yaml', content: 'a:\n  chart: x\na:\n  chart: y\n' },
      {
        path: 'charts/apps/templates/app.yaml',
        content:
          'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: templated\nspec:\n  source:\n    chart: {{ .Values.a.chart }}\n',
      },
    ]);
    const copy = await tempGitRepo(root);
    dispose = copy.dispose;
    repo = await scanClusterRepo(copy.dir);
  });
  afterAll(async () => {
    await dispose?.();
    await rm(root, { recursive: true, force: true });
  });

  it('finds each application, with its source folder only where the folder is in the repository', () => {
    expect(repo.applications).toHaveLength(count + 1);
    const byName = new Map(repo.applications.map((app) => [app.name, app]));
    expect(byName.get('app-7')?.sourcePaths).toEqual(['deploy/app-7/**']);
    expect(byName.get('app-8')?.sourcePaths).toEqual([]);
    expect(byName.get('templated')?.charts).toEqual([]);
  });

  it('resolves a policy naming every tenth application, and points at the unknown ones', async () => {
    const apps = Array.from({ length: count / 10 }, (_, index) =>
      index % 50 === 49
        ? `{ application: 'missing-${index}', automerge: 'none' }`
        : `{ application: 'app-${index * 10 + 1}', automerge: 'patch' }`,
    );
    const source = `{\n  apps: [\n${apps.map((entry) => `    ${entry},`).join('\n')}\n  ],\n}\n`;
    const parsed = parsePolicyFile('renovate-gitops.json5', source);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatDiagnostic).join('\n'));
    const checks: RenovateChecks = {
      datasourceIds: async () => ['docker', 'helm'],
      scheduleProblem: async () => undefined,
      migrateSchedule: async (schedule) => [...schedule],
    };
    const compiled = await compilePolicy(parsed.parsed, repo, checks);
    expect(compiled.apps[0]?.matches).toEqual(['apps/app-1.yaml', 'deploy/app-1/**']);
    expect(compiled.warnings.map(formatDiagnostic)).toEqual(
      [49, 99].map(
        (index) =>
          `renovate-gitops.json5:${index + 3}:20 apps[${index}].application: no Application or ApplicationSet named "missing-${index}" in this repository (closest: "app-${index}"); entry skipped`,
      ),
    );
  });
});
