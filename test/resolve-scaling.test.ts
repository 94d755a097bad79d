import { describe, expect, it } from 'vitest';
import { PathIndex } from '../src/resolve/chart-value-files.ts';
import { type Piece, Scalar, Text, type Value } from '../src/resolve/located-values.ts';
import { fileDocuments, joinPieces, renderedDocuments } from '../src/resolve/rendered-yaml.ts';

/**
 * The resolver's lookups that replaced scans over every path, piece and line
 * (bench/annotate-scaling.ts measures the growth): the answers must be the scans' answers.
 */

const paths = [
  'charts/agent/values.yaml',
  'charts/agent/values-prod.yaml',
  'charts/agent/values-prod/extra.yaml',
  'envs/prod-eu-1/agent.yaml',
  'envs/prod-us-1/agent.yaml',
  'envs/prod-us-1/other.yaml',
  'platform/envs/prod-eu-1/agent.yaml',
  'platform/charts/agent',
  'charts/agent',
  'xcharts/agent',
];

describe('PathIndex finds what the written path matches, as a scan over every path would', () => {
  it.each`
    written                                   | matching
    ${'charts/agent'}                         | ${['platform/charts/agent', 'charts/agent']}
    ${'/charts/agent'}                        | ${['platform/charts/agent', 'charts/agent']}
    ${'envs/{{ .cluster }}/agent.yaml'}       | ${['envs/prod-eu-1/agent.yaml', 'envs/prod-us-1/agent.yaml', 'platform/envs/prod-eu-1/agent.yaml']}
    ${'charts/agent/values-{{.env}}.yaml'}    | ${['charts/agent/values-prod.yaml', 'charts/agent/values-prod/extra.yaml']}
    ${'{{ .root }}/agent.yaml'}               | ${['envs/prod-eu-1/agent.yaml', 'envs/prod-us-1/agent.yaml', 'platform/envs/prod-eu-1/agent.yaml']}
    ${'{{ .path }}'}                          | ${paths}
    ${'envs/{{ .a }}-us-{{ .b }}/agent.yaml'} | ${['envs/prod-us-1/agent.yaml']}
    ${'charts/nothing'}                       | ${[]}
  `('$written', ({ written, matching }) => {
    expect(new PathIndex(paths).matching(written)).toEqual(matching);
  });

  it.each`
    written                             | named
    ${'envs/prod-eu-1/agent.yaml'}      | ${['envs/prod-eu-1/agent.yaml']}
    ${'prod-eu-1/agent.yaml'}           | ${[]}
    ${'envs/{{ .cluster }}/other.yaml'} | ${['envs/prod-us-1/other.yaml']}
  `('a written file $written names itself only, without placeholders', ({ written, named }) => {
    expect(new PathIndex(paths).named(written)).toEqual(named);
  });
});

/** Each scalar of the documents with the line it is located on, or the pieces it was copied from. */
function located(value: Value): string[] {
  if (value instanceof Scalar) return [`${value}@${value.origin?.line ?? '-'}`];
  if (value instanceof Text)
    return [value.pieces.map((piece) => `${piece.text}@${piece.origin?.line ?? '-'}`).join('+')];
  if (value instanceof Map) return [...value.values()].flatMap(located);
  if (Array.isArray(value)) return value.flatMap(located);
  return [];
}

describe('rendered documents keep the lines of the whole text, part after part', () => {
  const many = Array.from({ length: 300 }, (_, index) => `---\nname: app-${index}\n`).join('');

  it('locates the scalars of the 300th document on its line', () => {
    const { documents, problems } = fileDocuments(`# header\n${many}`, 'values.yaml');
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(300);
    expect(located(documents.at(-1))).toEqual([`app-299@${2 + 299 * 2 + 1}`]);
  });

  it('names the line of the whole text in a broken part, and keeps the parts around it', () => {
    const broken = `${many}---\nkind: {a: 1\n---\nname: after\n`;
    const { documents, problems } = fileDocuments(broken, 'values.yaml');
    expect(documents.map((document) => located(document)[0]).slice(-2)).toEqual([
      'app-299@600',
      'after@604',
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(602);
    expect(problems[0]?.reason).toMatch(/ at line 602, column 12:$/);
  });

  it('keeps the origin of every piece copied into a long rendering', () => {
    const pieces: Piece[] = Array.from({ length: 500 }, (_, index) => [
      { text: `---\napiVersion: v1\nversion: ` },
      { text: `1.${index}.0`, origin: { file: 'values.yaml', line: index + 1 } },
      { text: '\n' },
    ]).flat();
    const { documents } = renderedDocuments(joinPieces(pieces), undefined);
    expect(documents).toHaveLength(500);
    expect(documents.map((document) => located(document)[1])).toEqual(
      Array.from({ length: 500 }, (_, index) => `1.${index}.0@${index + 1}`),
    );
  });
});
