import { describe, expect, it } from 'vitest';
import { named, sequence } from '../src/regex/compose.ts';
import { segmentOtherThan, stemNotStartingWith } from '../src/regex/paths.ts';
import { imageNameChars, repoPathChars, versionChars } from '../src/regex/values.ts';
import { lines, restOfLine, scalar, yamlKey } from '../src/regex/yaml.ts';
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
