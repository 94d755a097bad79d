import { generateClusterRepo } from './cluster-repo.ts';
import type { GeneratedFile } from './shapes/shape.ts';

/**
 * A repository aimed at the steps that run after Renovate (line location, scan rows and table,
 * policy name resolution), generated at a given size: the unit `size` counts is the case's own.
 */
export interface OurStepsCase {
  name: string;
  /** What one unit of `size` is, in the tables: `lines`, `image objects`, `Argo CD files`. */
  unit: string;
  description: string;
  generate(size: number, seed: number): GeneratedFile[];
}

/**
 * The shape of the report that made these steps linear: one manifest of identical
 * `image: nginx:1.2.3` lines (23 bytes each, 4.6 MB at 200,000), all with the same matched
 * text, which a search from the top of the file for each pin meets again and again. Renovate
 * reports every second line (a match takes the line break the next would start with) and at
 * most 10,000 matches of a file: 10,000 pins at either size, in a file four times as long.
 */
export const identicalLines: OurStepsCase = {
  name: 'identical-lines',
  unit: 'lines',
  description: 'one manifest of identical `    image: nginx:1.2.3` lines',
  generate: (size) => [
    { path: 'manifests/identical.yaml', content: '    image: nginx:1.2.3\n'.repeat(size) },
  ],
};

/**
 * A values file of image objects (about 580 bytes each: 9,000 make 5 MB) whose repository and
 * tag sit on different lines, so that no line holds both a pin's value and its name, among
 * settings and comments that name the image again. Tags are distinct, and many are the tail of
 * another (`2.3.41` in `12.3.41`).
 */
export const distinctValues: OurStepsCase = {
  name: 'distinct-values',
  unit: 'image objects',
  description:
    'one values file of image objects, repository and tag on separate lines, distinct tags',
  generate: (size) => {
    const objects = Array.from({ length: size }, (_, index) => {
      const name = `app-${String(index).padStart(5, '0')}`;
      const tag = `${(index % 23) + 1}.${index % 7}.${index}`;
      return [
        `  ${name}:`,
        `    # ${name} serves the team-${index % 40} API; its image is rebuilt nightly`,
        '    image:',
        `      repository: registry.example.com/team-${index % 40}/${name}`,
        '      pullPolicy: IfNotPresent',
        `      tag: ${tag}`,
        '    replicaCount: 2',
        '    resources:',
        '      requests: { cpu: 100m, memory: 128Mi }',
        '      limits: { cpu: 500m, memory: 512Mi }',
        '    service:',
        '      type: ClusterIP',
        '      port: 8080',
        `    ingress: { enabled: true, host: ${name}.apps.example.com, path: / }`,
        `    env: [{ name: APP_NAME, value: ${name} }, { name: LOG_LEVEL, value: info }]`,
        `    podAnnotations: { team: team-${index % 40}, release: "${tag}" }`,
      ].join('\n');
    });
    return [{ path: 'values/platform/values.yaml', content: `apps:\n${objects.join('\n')}\n` }];
  },
};

/** The bench's synthetic cluster repository: thousands of small files, Applications to name. */
export const manyFiles: OurStepsCase = {
  name: 'many-files',
  unit: 'Argo CD files',
  description:
    'the synthetic cluster repository of the size sweep (Applications, ApplicationSets, values files, Kustomize folders)',
  generate: (size, seed) => generateClusterRepo(size, seed).files,
};

export const ourStepsCases: readonly OurStepsCase[] = [identicalLines, distinctValues, manyFiles];

/** The two sizes each case is measured at, by case name: the larger is four times the smaller. */
export type OurStepsSizes = Record<string, readonly [number, number]>;

export const fullOurStepsSizes: OurStepsSizes = {
  'identical-lines': [50_000, 200_000],
  'distinct-values': [2_250, 9_000],
  'many-files': [1_250, 5_000],
};

export const quickOurStepsSizes: OurStepsSizes = {
  'identical-lines': [12_500, 50_000],
  'distinct-values': [560, 2_240],
  'many-files': [250, 1_000],
};
