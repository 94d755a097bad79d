import type { PresetSource } from './preset.ts';

/**
 * How Renovate names Argo CD's own release artefacts: the chart from argo-helm (by name, or
 * as an OCI artefact), the image on quay.io (and the Docker Hub image of old releases), and
 * the repository whose tags and releases hold the install manifests (`github-tags` and
 * `github-releases` name it `argoproj/argo-cd`, `git-tags` by its URL).
 */
const argoCdPackages = [
  'argo-cd',
  'ghcr.io/argoproj/argo-helm/argo-cd',
  'quay.io/argoproj/argocd',
  'argoproj/argocd',
  'argoproj/argo-cd',
  'https://github.com/argoproj/argo-cd',
  'https://github.com/argoproj/argo-cd.git',
];

export const groupArgocd: PresetSource = {
  file: 'presets/group-argocd',
  description:
    "Update Argo CD's own Helm chart, container image and install manifests together, in one branch and one MR (majors in a separate one).",
  config: {
    packageRules: [
      {
        description:
          'Argo CD: the argo-cd chart, the quay.io/argoproj/argocd image and the argoproj/argo-cd manifests move together, so that a chart and the image it runs never land apart.',
        matchPackageNames: argoCdPackages,
        groupName: 'Argo CD',
      },
    ],
  },
};
