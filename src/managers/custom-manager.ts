import type { CustomManager } from 'renovate/dist/modules/manager/custom/types.js';

/** A regex custom manager as we publish it: always with a description, always regex. */
export interface RegexManager extends CustomManager {
  customType: 'regex';
  description: string;
  managerFilePatterns: string[];
  matchStrings: string[];
}
