import RE2 from 're2';
import { matchRegexOrGlob } from 'renovate/dist/util/string-match.js';
import { describe, expect, it } from 'vitest';
import {
  chartTemplates,
  kustomizeAndChartFiles,
  valuesFiles,
  yamlOtherThanValuesKustomizeAndCharts,
  yamlOutsideChartTemplatesAndValues,
} from '../src/managers/file-patterns.ts';
import { commentOtherThanIgnore, skippingIgnoredLines } from '../src/regex/comments.ts';
import { named, sequence, unnamed } from '../src/regex/compose.ts';
import {
  anyKey,
  flagGroups,
  keyEndingWith,
  keyFlaggingNames,
  keyFlaggingSuffix,
  keyNotEndingWith,
  keyOtherThan,
} from '../src/regex/keys.ts';
import { segmentOtherThan, stemNotStartingWith } from '../src/regex/paths.ts';
import {
  imageNameChars,
  qualifiedImageNameChars,
  repoPathChars,
  uncapitalisedTagChars,
  versionChars,
} from '../src/regex/values.ts';
import { lines, linesWithinDocument, restOfLine, scalar, yamlKey } from '../src/regex/yaml.ts';
import { matchGroups } from './harness/regex-matches.ts';

const whole = (chars: string) => sequence('^', named('value', chars), '$');

describe('versionChars', () => {
  it.each`
    input                   | matches
    ${'1.2.3'}              | ${true}
    ${'v2.13.3'}            | ${true}
    ${'65.1.1'}             | ${true}
    ${'7.4.0-debian-12-r0'} | ${true}
    ${'1.0.0+build.1'}      | ${true}
    ${'HEAD'}               | ${false}
    ${'main'}               | ${false}
    ${'latest'}             | ${false}
    ${'{{ .Values.tag }}'}  | ${false}
    ${'stable'}             | ${false}
  `('$input: $matches', ({ input, matches }: { input: string; matches: boolean }) => {
    expect(matchGroups(whole(versionChars), input).length > 0).toBe(matches);
  });
});

describe('imageNameChars', () => {
  it.each`
    input                                         | matches
    ${'nginx'}                                    | ${true}
    ${'grafana/grafana'}                          | ${true}
    ${'registry.k8s.io/ingress-nginx/controller'} | ${true}
    ${'localhost:5000/team/app'}                  | ${true}
    ${'Grafana/Grafana'}                          | ${false}
    ${'{{ .Values.image }}'}                      | ${false}
  `('$input: $matches', ({ input, matches }: { input: string; matches: boolean }) => {
    expect(matchGroups(whole(imageNameChars), input).length > 0).toBe(matches);
  });
});

describe('repoPathChars', () => {
  it.each`
    input                       | matches
    ${'argoproj/argo-cd'}       | ${true}
    ${'group/subgroup/project'} | ${true}
    ${'single'}                 | ${false}
  `('$input: $matches', ({ input, matches }: { input: string; matches: boolean }) => {
    expect(matchGroups(whole(repoPathChars), input).length > 0).toBe(matches);
  });
});

describe('yamlKey + scalar + restOfLine', () => {
  const tagLine = sequence(
    '(?:^|\\n)[ \\t]*',
    yamlKey('tag'),
    scalar('currentValue', versionChars),
    restOfLine,
  );
  it.each`
    line                               | value
    ${'tag: 1.2.3'}                    | ${'1.2.3'}
    ${'  tag: "1.2.3"'}                | ${'1.2.3'}
    ${"  'tag': '1.2.3' # pinned"}     | ${'1.2.3'}
    ${'tag:   v1.2.3   '}              | ${'v1.2.3'}
    ${'tag: {{ .Values.tag }}'}        | ${undefined}
    ${'tag: latest'}                   | ${undefined}
    ${'mytag: 1.2.3 # look-alike key'} | ${undefined}
  `('$line -> $value', ({ line, value }: { line: string; value: string | undefined }) => {
    expect(matchGroups(tagLine, line)[0]?.currentValue).toBe(value);
  });

  it('joins consecutive lines without consuming the next line break', () => {
    const pair = sequence(
      '(?:^|\\n)',
      lines(
        sequence('[ \\t]*', yamlKey('a'), scalar('a', '[0-9]+'), restOfLine),
        sequence('[ \\t]*', yamlKey('b'), scalar('b', '[0-9]+'), restOfLine),
      ),
    );
    expect(matchGroups(pair, 'a: 1\nb: 2\na: 3\nb: 4')).toEqual([
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
  });
});

describe('path pieces', () => {
  const path = sequence(
    '^(?:',
    segmentOtherThan('templates'),
    '/)*',
    stemNotStartingWith('values'),
    '\\.ya?ml$',
  );
  it.each`
    file                                    | matches
    ${'apps/appset.yaml'}                   | ${true}
    ${'a/templates-x/app.yaml'}             | ${true}
    ${'a/template/app.yml'}                 | ${true}
    ${'a/netbird-values.yaml'}              | ${true}
    ${'v.yaml'}                             | ${true}
    ${'charts/platform/templates/app.yaml'} | ${false}
    ${'templates/app.yaml'}                 | ${false}
    ${'values.yaml'}                        | ${false}
    ${'env/values-prod.yaml'}               | ${false}
  `('$file: $matches', ({ file, matches }: { file: string; matches: boolean }) => {
    expect(matchGroups(path, file).length > 0).toBe(matches);
  });
});

describe('qualifiedImageNameChars', () => {
  it.each`
    input                                       | matches
    ${'ghcr.io/org/app'}                        | ${true}
    ${'localhost:5000/team/app'}                | ${true}
    ${'localhost/app'}                          | ${true}
    ${'registry:5000/app'}                      | ${true}
    ${'harbor.example.com:8443/mirror/podinfo'} | ${true}
    ${'grafana/grafana'}                        | ${false}
    ${'nginx'}                                  | ${false}
    ${'ghcr.io'}                                | ${false}
    ${'https://ghcr.io/org/app'}                | ${false}
  `('$input: $matches', ({ input, matches }: { input: string; matches: boolean }) => {
    expect(matchGroups(whole(qualifiedImageNameChars), input).length > 0).toBe(matches);
  });

  it.each`
    tag             | matches
    ${'1.2.3'}      | ${true}
    ${'latest'}     | ${true}
    ${'_build'}     | ${true}
    ${'NoSchedule'} | ${false}
  `('tag $tag: $matches', ({ tag, matches }: { tag: string; matches: boolean }) => {
    expect(matchGroups(whole(uncapitalisedTagChars), tag).length > 0).toBe(matches);
  });
});

describe('keys chosen by what they are not', () => {
  const other = keyOtherThan(['image', 'package'], ['package']);
  it.each`
    key               | otherThanImageAndPackage | notEndingWithImage | endingWithImage
    ${'image'}        | ${false}                 | ${false}           | ${true}
    ${'package'}      | ${false}                 | ${true}            | ${false}
    ${'"package"'}    | ${false}                 | ${true}            | ${false}
    ${'"image"'}      | ${true}                  | ${false}           | ${true}
    ${'initImage'}    | ${true}                  | ${false}           | ${true}
    ${'PROXY_IMAGE'}  | ${true}                  | ${false}           | ${true}
    ${'images'}       | ${true}                  | ${true}            | ${false}
    ${'imag'}         | ${true}                  | ${true}            | ${false}
    ${'imagx'}        | ${true}                  | ${true}            | ${false}
    ${'keystone_api'} | ${true}                  | ${true}            | ${false}
    ${"'x y'"}        | ${true}                  | ${true}            | ${false}
  `(
    '$key',
    ({
      key,
      otherThanImageAndPackage,
      notEndingWithImage,
      endingWithImage,
    }: {
      key: string;
      otherThanImageAndPackage: boolean;
      notEndingWithImage: boolean;
      endingWithImage: boolean;
    }) => {
      const test = (pattern: string) => matchGroups(`^(?:${pattern})$`, key).length > 0;
      expect(test(other)).toBe(otherThanImageAndPackage);
      expect(test(keyNotEndingWith('image'))).toBe(notEndingWithImage);
      expect(test(keyEndingWith('image'))).toBe(endingWithImage);
    },
  );
});

describe('keys chosen by what they are not, against the rule as written', () => {
  // Every key of up to three characters from an alphabet that has what the pieces treat apart:
  // letters in both cases, the punctuation plain keys allow, a blank and quotes they do not.
  const alphabet = ['a', 'b', 'c', 'C', '.', '-', ' ', '^', '"', "'"];
  const texts = [''];
  for (let length = 1; length <= 3; length++) {
    for (const text of texts.filter((candidate) => candidate.length === length - 1)) {
      texts.push(...alphabet.map((char) => text + char));
    }
  }
  const keys = texts.flatMap((text) => [text, `"${text}"`, `'${text}'`]);
  /** The key's name and whether it is quoted, or undefined for text that is no YAML key. */
  function parseKey(key: string): { name: string; quoted: boolean } | undefined {
    const quote = key[0];
    if ((quote === '"' || quote === "'") && key.length > 2 && key.endsWith(quote)) {
      const name = key.slice(1, -1);
      return name.includes(quote) ? undefined : { name, quoted: true };
    }
    return /^[A-Za-z0-9_./-]+$/.test(key) ? { name: key, quoted: false } : undefined;
  }
  const endsWithAc = (name: string) => name.toLowerCase().endsWith('ac');
  it.each([
    { piece: 'anyKey', pattern: anyKey, rule: () => true },
    {
      piece: "keyOtherThan(['ac', 'b'], ['b'])",
      pattern: keyOtherThan(['ac', 'b'], ['b']),
      rule: (name: string, quoted: boolean) => !(quoted ? ['b'] : ['ac', 'b']).includes(name),
    },
    { piece: "keyEndingWith('aC')", pattern: keyEndingWith('aC'), rule: endsWithAc },
    {
      piece: "keyNotEndingWith('aC')",
      pattern: keyNotEndingWith('aC'),
      rule: (name: string) => !endsWithAc(name),
    },
  ])('$piece', ({ pattern, rule }) => {
    // One compiled pattern for all keys, as Renovate compiles it (RE2).
    const regex = new RE2(`^(?:${pattern})$`);
    const matching = keys.filter((key) => regex.test(key));
    const byTheRule = keys.filter((key) => {
      const parsed = parseKey(key);
      return parsed !== undefined && rule(parsed.name, parsed.quoted);
    });
    expect(matching).toEqual(byTheRule);
  });
});

describe('keys that flag rather than exclude', () => {
  const [plain, double, single] = flagGroups('own');
  const bySuffix = keyFlaggingSuffix('image', 'own');
  const byName = keyFlaggingNames(['image', 'package'], ['package'], 'own');
  const byNoName = keyFlaggingNames([], [], 'own');
  it.each`
    key               | suffix                   | names                      | noNames
    ${'image'}        | ${{ [plain]: 'image' }}  | ${{ [plain]: 'image' }}    | ${{}}
    ${'initImage'}    | ${{ [plain]: 'Image' }}  | ${{}}                      | ${{}}
    ${'images'}       | ${{}}                    | ${{}}                      | ${{}}
    ${'package'}      | ${{}}                    | ${{ [plain]: 'package' }}  | ${{}}
    ${'"proxyIMAGE"'} | ${{ [double]: 'IMAGE' }} | ${{}}                      | ${{}}
    ${'"image"'}      | ${{ [double]: 'image' }} | ${{}}                      | ${{}}
    ${'"package"'}    | ${{}}                    | ${{ [double]: 'package' }} | ${{}}
    ${"'my image'"}   | ${{ [single]: 'image' }} | ${{}}                      | ${{}}
    ${"'package'"}    | ${{}}                    | ${{ [single]: 'package' }} | ${{}}
  `(
    '$key: any key, its flag group filled as it is written',
    ({
      key,
      suffix,
      names,
      noNames,
    }: {
      key: string;
      suffix: Record<string, string>;
      names: Record<string, string>;
      noNames: Record<string, string>;
    }) => {
      const groups = (pattern: string) => matchGroups(`^(?:${pattern})$`, key);
      expect(groups(bySuffix)).toEqual([suffix]);
      expect(groups(byName)).toEqual([names]);
      expect(groups(byNoName)).toEqual([noNames]);
      expect(groups(anyKey)).toEqual([{}]);
    },
  );

  it('names the three groups after the one given', () => {
    expect(flagGroups('own')).toEqual(['own', 'ownDq', 'ownSq']);
  });
});

describe('# renovate: ignore', () => {
  it.each`
    comment                          | isIgnore
    ${'# renovate: ignore'}          | ${true}
    ${'#  renovate:   ignore'}       | ${true}
    ${'#renovate:ignore # reason'}   | ${true}
    ${'# renovate: ignore for now'}  | ${true}
    ${'# renovate: ignored'}         | ${false}
    ${'# renovate: datasource=helm'} | ${false}
    ${'# re run'}                    | ${false}
    ${'# pinned'}                    | ${false}
    ${'#'}                           | ${false}
  `('$comment: $isIgnore', ({ comment, isIgnore }: { comment: string; isIgnore: boolean }) => {
    expect(matchGroups(`^${commentOtherThanIgnore}$`, comment).length > 0).toBe(!isIgnore);
  });

  // Managers match from the line break before their line; a pattern may also start mid-line.
  const atLineStart = '(?:^|\\n)v: (?<v>[0-9]+)';
  const anywhere = 'v: (?<v>[0-9]+)';
  it.each`
    case                                        | pattern        | content                                                                              | values
    ${'the line below the comment and its own'} | ${atLineStart} | ${'v: 1\n# renovate: ignore\nv: 2\nv: 3 # renovate: ignore\nv: 4'}                   | ${['1', undefined, undefined, '4']}
    ${'a comment that gives a reason'}          | ${atLineStart} | ${'# renovate: ignore until 2.0 ships\nv: 2\nv: 3 # renovate: ignore, pinned\nv: 4'} | ${[undefined, undefined, '4']}
    ${'a match inside the line below'}          | ${anywhere}    | ${'# renovate: ignore\nx v: 2\nx v: 3'}                                              | ${[undefined, '3']}
    ${'a match inside the rest of the comment'} | ${anywhere}    | ${'x v: 3 # renovate: ignore until v: 4 works\nx v: 5'}                              | ${[undefined, '5']}
  `(
    'keeps out $case',
    ({ pattern, content, values }: { pattern: string; content: string; values: string[] }) => {
      const matches = matchGroups(skippingIgnoredLines(pattern), content);
      expect(matches.map((groups) => groups.v)).toEqual(values);
    },
  );
});

describe('composition helpers', () => {
  it('unnamed keeps the pattern and drops its group names', () => {
    expect(unnamed(named('depName', 'a(?<x>b)'))).toBe('(?:a(?:b))');
  });

  it('linesWithinDocument never crosses a `---` line', () => {
    const pattern = sequence('a\\n', linesWithinDocument, 'b');
    expect(matchGroups(pattern, 'a\nx\n- y\n--z\nb').length).toBe(1);
    expect(matchGroups(pattern, 'a\nx\n---\nb').length).toBe(0);
  });
});

describe('file patterns split the YAML files without overlap', () => {
  const patterns = {
    valuesFiles,
    chartTemplates,
    yamlOutsideChartTemplatesAndValues,
    kustomizeAndChartFiles,
    yamlOtherThanValuesKustomizeAndCharts,
  };
  it.each`
    file                                  | matching
    ${'apps/app.yaml'}                    | ${['yamlOutsideChartTemplatesAndValues', 'yamlOtherThanValuesKustomizeAndCharts']}
    ${'charts/a/templates/provider.yaml'} | ${['chartTemplates', 'yamlOtherThanValuesKustomizeAndCharts']}
    ${'charts/a/templates/sub/x.yml'}     | ${['chartTemplates', 'yamlOtherThanValuesKustomizeAndCharts']}
    ${'charts/a/values.yaml'}             | ${['valuesFiles']}
    ${'env/prod-values.yaml'}             | ${['valuesFiles']}
    ${'charts/a/Chart.yaml'}              | ${['yamlOutsideChartTemplatesAndValues', 'kustomizeAndChartFiles']}
    ${'base/kustomization.yml'}           | ${['yamlOutsideChartTemplatesAndValues', 'kustomizeAndChartFiles']}
    ${'a/templates-x/app.yaml'}           | ${['yamlOutsideChartTemplatesAndValues', 'yamlOtherThanValuesKustomizeAndCharts']}
    ${'README.md'}                        | ${[]}
  `('$file', ({ file, matching }: { file: string; matching: string[] }) => {
    const matched = Object.entries(patterns)
      .filter(([, pattern]) => matchRegexOrGlob(file, pattern))
      .map(([name]) => name);
    expect(matched).toEqual(matching);
  });
});
