import type { CustomManager } from 'renovate/dist/modules/manager/custom/types.js';
import { appOfAppsValues } from '../src/managers/app-of-apps-values.ts';
import { applicationHelmImages } from '../src/managers/application-helm-images.ts';
import { applicationHelmParameters } from '../src/managers/application-helm-parameters.ts';
import { applicationKustomizeImages } from '../src/managers/application-kustomize-images.ts';
import { applicationSetGenerators } from '../src/managers/application-set-generators.ts';
import { manifestImages } from '../src/managers/manifest-images.ts';
import { renovateAnnotations } from '../src/managers/renovate-annotations.ts';
import {
  githubRawUrls,
  githubReleaseDownloads,
  gitlabRawUrls,
} from '../src/managers/versioned-raw-urls.ts';
import { detectionBlocks } from '../src/presets/detection.ts';
import { presets } from '../src/presets/index.ts';

/** Our custom managers by their source names, which Renovate's logs do not carry. */
const byName: Record<string, CustomManager> = {
  appOfAppsValues,
  applicationHelmImages,
  applicationHelmParameters,
  applicationKustomizeImages,
  applicationSetGenerators,
  manifestImages,
  renovateAnnotations,
  githubRawUrls,
  githubReleaseDownloads,
  gitlabRawUrls,
};

/** Every custom manager the default gives Renovate (merged by file class), in preset order. */
export function presetCustomManagers(): CustomManager[] {
  return presets.flatMap((preset) => preset.config.customManagers ?? []);
}

/** Every custom manager of the detection building blocks: one per shape, as they are written. */
export function shapeCustomManagers(): CustomManager[] {
  return detectionBlocks.flatMap((preset) => preset.config.customManagers ?? []);
}

/** A manager's source name, or the start of its description for one added since. */
export function customManagerName(manager: CustomManager): string {
  const entry = Object.entries(byName).find(([, known]) => known === manager);
  const { description = '' } = manager as CustomManager & { description?: string };
  return entry?.[0] ?? `${manager.customType}: ${description.slice(0, 40)}`;
}
