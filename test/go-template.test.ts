import { describe, expect, it } from 'vitest';
import { TemplateRenderer } from '../src/resolve/go-template/evaluate.ts';
import { TemplateSyntaxError } from '../src/resolve/go-template/lex.ts';
import {
  type Pipeline,
  parseTemplate,
  type TemplateNode,
  type Term,
} from '../src/resolve/go-template/parse.ts';
import type { Piece, Value } from '../src/resolve/located-values.ts';
import { fileDocuments } from '../src/resolve/rendered-yaml.ts';

/** Values as written in `values.yaml`, each scalar located at its line. */
function values(yaml: string): Value {
  return fileDocuments(yaml, 'values.yaml').documents[0];
}

function render(template: string, valuesYaml: string): Piece[] {
  const parsed = parseTemplate(template);
  return new TemplateRenderer(parsed.defines).render(
    parsed.nodes,
    new Map([['Values', values(valuesYaml)]]),
  );
}

const text = (pieces: Piece[]) => pieces.map((piece) => piece.text).join('');
/** Each value copied in, with the line it is written on. */
const copied = (pieces: Piece[]) =>
  pieces.filter((piece) => piece.origin).map((piece) => `${piece.text}@${piece.origin?.line}`);

describe('Go templates render with the origin of every value copied in', () => {
  it.each`
    case                             | template                                                                                        | valuesYaml                                        | output                    | origins
    ${'a field'}                     | ${'v: {{ .Values.a.b }}'}                                                                       | ${'a:\n  b: 1.2.3'}                               | ${'v: 1.2.3'}             | ${['1.2.3@2']}
    ${'$.Values inside range'}       | ${'{{ range .Values.l }}{{ $.Values.r }}/{{ .n }} {{ end }}'}                                   | ${'r: repo\nl:\n  - n: x\n  - n: y'}              | ${'repo/x repo/y '}       | ${['repo@1', 'x@3', 'repo@1', 'y@4']}
    ${'range over a map, sorted'}    | ${'{{- range $k, $v := .Values.m }}{{ $k }}={{ $v.version }};{{ end }}'}                        | ${'m:\n  zed: {version: 2}\n  abc: {version: 1}'} | ${'abc=1;zed=2;'}         | ${['1@3', '2@2']}
    ${'index and default'}           | ${'{{ index .Values "a-b" "c" }} {{ default "d" .Values.none }} {{ .Values.x | default "y" }}'} | ${'a-b:\n  c: "7"\nx: 8'}                         | ${'7 d 8'}                | ${['7@2', '8@3']}
    ${'quote keeps the origin'}      | ${'{{ .Values.v | quote }}'}                                                                    | ${'v: v1.0.0'}                                    | ${'"v1.0.0"'}             | ${['v1.0.0@1']}
    ${'printf composes'}             | ${'{{ printf "%s/%s" .Values.ns .Values.name }}'}                                               | ${'ns: org\nname: app'}                           | ${'org/app'}              | ${['org@1', 'app@2']}
    ${'variables and with'}          | ${'{{- $c := .Values.chart }}{{ with .Values.app }}{{ $c }}:{{ .tag }}{{ end }}'}               | ${'chart: c\napp:\n  tag: t'}                     | ${'c:t'}                  | ${['c@1', 't@3']}
    ${'a toggle renders its branch'} | ${'{{ if .Values.on }}yes{{ else }}no{{ end }}'}                                                | ${'on: false'}                                    | ${'yes'}                  | ${[]}
    ${'a value decides'}             | ${'{{ if .Values.ns }}{{ .Values.ns }}/{{ end }}{{ .Values.n }}'}                               | ${'ns: ""\nn: x'}                                 | ${'x'}                    | ${['x@2']}
    ${'trim markers'}                | ${'a:\n  {{- if true }}\n  b: 1\n  {{- end }}'}                                                 | ${'{}'}                                           | ${'a:\n  b: 1'}           | ${[]}
    ${'raw strings pass through'}    | ${"r: '{{`{{ .values.x }}`}}'"}                                                                 | ${'{}'}                                           | ${"r: '{{ .values.x }}'"} | ${[]}
    ${'include of a define'}         | ${'{{- define "n" }}{{ .Values.a }}{{ end }}x={{ include "n" . }}'}                             | ${'a: 3'}                                         | ${'x=3'}                  | ${['3@1']}
    ${'a name with a blank'}         | ${'{{- define "my n" }}{{ .Values.a }}{{ end }}x={{ include "my n" . }}'}                       | ${'a: 3'}                                         | ${'x=3'}                  | ${['3@1']}
    ${'an unknown function'}         | ${'{{ lookup "v1" "Secret" "ns" "n" }}'}                                                        | ${'{}'}                                           | ${'\u0000'}               | ${[]}
  `('$case', ({ template, valuesYaml, output, origins }) => {
    const pieces = render(template, valuesYaml);
    expect(text(pieces)).toBe(output);
    expect(copied(pieces)).toEqual(origins);
  });

  it('changes made by a function drop the origin: the value is no longer as written', () => {
    expect(copied(render('{{ .Values.v | upper }}', 'v: abc'))).toEqual([]);
  });

  it.each`
    template                | message
    ${'{{ if .Values.x }}'} | ${'`if` is never closed with `end`'}
    ${'{{ end }}'}          | ${'`end` without a block'}
    ${'a: {{ .Values.x '}   | ${'unclosed action'}
    ${'{{ "open }}'}        | ${'unterminated string'}
  `('rejects $template: $message', ({ template, message }) => {
    expect(() => parseTemplate(template)).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate(template)).toThrow(message);
  });
});

/** A pipeline of commands, each given by its terms, declaring nothing. */
function pipe(...commands: Term[][]): Pipeline {
  return { declare: [], assign: false, commands: commands.map((terms) => ({ terms })) };
}
const field = (...path: string[]): Term => ({ kind: 'field', path });
const str = (value: string): Term => ({ kind: 'string', value });
const fn = (name: string): Term => ({ kind: 'function', name });
const dot: Term = { kind: 'dot' };
const literal = (value: string, start: number): TemplateNode => ({
  kind: 'text',
  text: value,
  start,
});

describe('parseTemplate reads each action into operands and commands', () => {
  it.each`
    action                               | pipeline
    ${'.Values.a.b'}                     | ${pipe([field('Values', 'a', 'b')])}
    ${'.'}                               | ${pipe([dot])}
    ${'trunc 63 -2.75 true false nil .'} | ${pipe([fn('trunc'), { kind: 'number', value: 63 }, { kind: 'number', value: -2.75 }, { kind: 'bool', value: true }, { kind: 'bool', value: false }, { kind: 'nil' }, dot])}
    ${'"a\\"b" `r\\n` \'c\''}            | ${pipe([str('a"b'), str('r\\n'), str('c')])}
    ${'$x := "s"'}                       | ${{ ...pipe([str('s')]), declare: ['$x'] }}
    ${"$x = 'c'"}                        | ${{ ...pipe([str('c')]), declare: ['$x'], assign: true }}
    ${'$k, $v := .m'}                    | ${{ ...pipe([field('m')]), declare: ['$k', '$v'] }}
    ${'$x'}                              | ${pipe([{ kind: 'variable', name: '$x', path: [] }])}
    ${'$x.a.b'}                          | ${pipe([{ kind: 'variable', name: '$x', path: ['a', 'b'] }])}
    ${'$x .a'}                           | ${pipe([{ kind: 'variable', name: '$x', path: [] }, field('a')])}
    ${'$x | f'}                          | ${pipe([{ kind: 'variable', name: '$x', path: [] }], [fn('f')])}
    ${'(index .m "k").tag'}              | ${pipe([{ kind: 'pipeline', pipeline: pipe([fn('index'), field('m'), str('k')]), path: ['tag'] }])}
    ${'(f) .tag'}                        | ${pipe([{ kind: 'pipeline', pipeline: pipe([fn('f')]), path: [] }, field('tag')])}
    ${'.a | default "x" | quote'}        | ${pipe([field('a')], [fn('default'), str('x')], [fn('quote')])}
  `('{{ $action }}', ({ action, pipeline }: { action: string; pipeline: Pipeline }) => {
    expect(parseTemplate(`{{ ${action} }}`)).toEqual({
      nodes: [{ kind: 'output', pipeline, start: 0 }],
      defines: new Map(),
    });
  });

  it.each<{ template: string; nodes: TemplateNode[]; defines?: [string, TemplateNode[]][] }>([
    { template: '{{/* a comment */}}x', nodes: [literal('x', 19)] },
    {
      template: '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}',
      nodes: [
        {
          kind: 'if',
          branches: [
            { condition: pipe([field('a')]), body: [literal('A', 11)] },
            { condition: pipe([field('b')]), body: [literal('B', 28)] },
          ],
          otherwise: [literal('C', 39)],
        },
      ],
    },
    {
      template: '{{ range .l }}x{{ break }}{{ continue }}{{ else }}y{{ end }}',
      nodes: [
        {
          kind: 'range',
          pipeline: pipe([field('l')]),
          body: [literal('x', 14)],
          otherwise: [literal('y', 50)],
        },
      ],
    },
    {
      template: '{{ with .a }}x{{ else }}y{{ end }}',
      nodes: [
        {
          kind: 'with',
          pipeline: pipe([field('a')]),
          body: [literal('x', 13)],
          otherwise: [literal('y', 24)],
        },
      ],
    },
    {
      template: '{{ define "n" }}D{{ end }}{{ template "n" . }}',
      nodes: [{ kind: 'template', name: 'n', pipeline: pipe([dot]) }],
      defines: [['n', [literal('D', 16)]]],
    },
    {
      template: '{{ define `n` }}{{ end }}{{ template "n" }}',
      nodes: [{ kind: 'template', name: 'n' }],
      defines: [['n', []]],
    },
    {
      template: '{{ block "b" .x }}B{{ end }}',
      nodes: [{ kind: 'template', name: 'b', pipeline: pipe([field('x')]) }],
      defines: [['b', [literal('B', 18)]]],
    },
    {
      template: '{{ block "b" }}B{{ end }}',
      nodes: [{ kind: 'template', name: 'b' }],
      defines: [['b', [literal('B', 15)]]],
    },
    {
      template: '{{ template "n"   .x   }}',
      nodes: [{ kind: 'template', name: 'n', pipeline: pipe([field('x')]) }],
    },
    {
      template: '{{ if .a }}A{{ else  if .b }}B{{ end }}',
      nodes: [
        {
          kind: 'if',
          branches: [
            { condition: pipe([field('a')]), body: [literal('A', 11)] },
            { condition: pipe([field('b')]), body: [literal('B', 29)] },
          ],
          otherwise: [],
        },
      ],
    },
    {
      template: '{{ template "n" (merge $ctx .Values) }}',
      nodes: [
        {
          kind: 'template',
          name: 'n',
          pipeline: pipe([
            {
              kind: 'pipeline',
              pipeline: pipe([
                fn('merge'),
                { kind: 'variable', name: '$ctx', path: [] },
                field('Values'),
              ]),
              path: [],
            },
          ]),
        },
      ],
    },
    {
      template: '{{ block "b" (merge $ctx .Values) }}{{ end }}',
      nodes: [
        {
          kind: 'template',
          name: 'b',
          pipeline: pipe([
            {
              kind: 'pipeline',
              pipeline: pipe([
                fn('merge'),
                { kind: 'variable', name: '$ctx', path: [] },
                field('Values'),
              ]),
              path: [],
            },
          ]),
        },
      ],
      defines: [['b', []]],
    },
    {
      template: '{{ define "my chart.labels" }}L{{ end }}{{ template "my chart.labels" . }}',
      nodes: [{ kind: 'template', name: 'my chart.labels', pipeline: pipe([dot]) }],
      defines: [['my chart.labels', [literal('L', 30)]]],
    },
    {
      template: '{{ define "a\\"b" }}{{ end }}{{ template `a"b` }}',
      nodes: [{ kind: 'template', name: 'a"b' }],
      defines: [['a"b', []]],
    },
    {
      template: '{{ define `my n` }}N{{ end }}',
      nodes: [],
      defines: [['my n', [literal('N', 19)]]],
    },
    {
      template: '{{ template n .x }}',
      nodes: [{ kind: 'template', name: 'n', pipeline: pipe([field('x')]) }],
    },
  ])('$template', ({ template, nodes, defines = [] }) => {
    expect(parseTemplate(template)).toEqual({ nodes, defines: new Map(defines) });
  });

  it.each`
    template          | message
    ${'{{ ) }}'}      | ${'empty command'}
    ${'{{ f ( }}'}    | ${'empty command'}
    ${'{{ ( .a }}'}   | ${'missing `)`'}
    ${'{{ .a ) }}'}   | ${'cannot read `.a )`'}
    ${'{{ @ }}'}      | ${'cannot read action `{{ @ }}`'}
    ${'{{ = }}'}      | ${'unexpected `=`'}
    ${'x {{ else }}'} | ${'`else` outside a block'}
    ${'x {{ end }}'}  | ${'`end` without a block'}
  `('rejects $template: $message', ({ template, message }) => {
    expect(() => parseTemplate(template)).toThrow(
      expect.objectContaining({ message, offset: template.indexOf('{{') }),
    );
  });
});
