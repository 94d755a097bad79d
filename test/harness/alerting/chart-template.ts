import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TemplateRenderer } from '../../../src/resolve/go-template/evaluate.ts';
import { parseTemplate } from '../../../src/resolve/go-template/parse.ts';
import { unknownMark } from '../../../src/resolve/located-values.ts';
import { fileDocuments } from '../../../src/resolve/rendered-yaml.ts';

/**
 * The manifests one template of a chart renders to with the chart's values.yaml, by the
 * project's own Go-template evaluator: Helm's escapes such as {{`{{ $labels.name }}`}} become
 * the `{{ $labels.name }}` that Prometheus and Alertmanager template in turn.
 */
export async function renderChartTemplate(chartDir: string, template: string): Promise<unknown[]> {
  const valuesText = await readFile(path.join(chartDir, 'values.yaml'), 'utf8');
  const values = fileDocuments(valuesText, 'values.yaml').documents[0];
  const parsed = parseTemplate(await readFile(path.join(chartDir, template), 'utf8'));
  const pieces = new TemplateRenderer(parsed.defines).render(
    parsed.nodes,
    new Map([['Values', values ?? new Map()]]),
  );
  const text = pieces.map((piece) => piece.text).join('');
  if (text.includes(unknownMark)) {
    throw new Error(`${template}: an action the evaluator does not compute; rendered:\n${text}`);
  }
  return parseAllDocuments(text).map((document) => {
    const [error] = document.errors;
    if (error) throw new Error(`${template} renders to YAML that does not parse: ${error.message}`);
    return document.toJS();
  });
}
