import { createRequire } from 'node:module';
import type RE2Class from 're2';

const require = createRequire(import.meta.url);

let loaded: typeof RE2Class | undefined;

/**
 * Renovate's regex engine, loaded on first use: re2 is a native addon built for the Node that
 * runs Renovate, so importing it up front would make every module that reaches this one
 * (and `--help`) fail on any other Node.
 */
export function re2(): typeof RE2Class {
  loaded ??= require('re2') as typeof RE2Class;
  return loaded;
}
