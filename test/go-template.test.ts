import { describe, expect, it } from 'vitest';
import { TemplateRenderer } from '../src/resolve/go-template/evaluate.ts';
import { TemplateSyntaxError } from '../src/resolve/go-template/lex.ts';
import { parseTemplate } from '../src/resolve/go-template/parse.ts';
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
