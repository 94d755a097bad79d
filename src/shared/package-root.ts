import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The root of this package (where default.json and presets/ live), wherever it is installed. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
