import { segmentOtherThan, stemNotStartingWith } from '../regex/paths.ts';

/**
 * File patterns shared by presets and managers, defined once so that the files one manager
 * reads and the files another must leave alone cannot drift apart.
 */

/** Helm values files, whatever the environment suffix: `values.yaml`, `values-prod.yaml`, `prod-values.yaml`. */
export const valuesFiles = '**/{values,values[-.]*,*[-.]values}.{yaml,yml}';

/** Every YAML file that is not a Helm values file (minimatch extglob). */
export const yamlOtherThanValues = '**/!(values|values[-.]*|*[-.]values).{yaml,yml}';

/**
 * YAML files outside any `templates/` folder and not named `values*`: where an ApplicationSet
 * can be parsed as YAML. Helm chart templates never parse (so a YAML-parsing manager only pays
 * for failing on them), and values files are parsed by helm-values already.
 */
export const yamlOutsideTemplatesAndValues = `/^(?:${segmentOtherThan('templates')}/)*${stemNotStartingWith('values')}\\.ya?ml$/`;
