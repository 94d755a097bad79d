import type { FoundDep } from '../../src/renovate/report.ts';
import type { ExpectedIgnored, ExpectedPin } from './expectations.ts';

/** The fields a detection claim is about, in one comparable shape. */
export interface PinShape {
  file: string;
  manager: string;
  depName: string | undefined;
  packageName: string | undefined;
  datasource: string | undefined;
  currentValue: string | null | undefined;
  registryUrls?: string[];
  currentDigest?: string;
}

function byLocation(a: PinShape, b: PinShape): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.depName ?? '').localeCompare(b.depName ?? '') ||
    (a.currentValue ?? '').localeCompare(b.currentValue ?? '') ||
    a.manager.localeCompare(b.manager)
  );
}

export function shapeOfFound(dep: FoundDep): PinShape {
  return {
    file: dep.packageFile,
    manager: dep.manager,
    depName: dep.depName,
    packageName: dep.packageName ?? dep.depName,
    datasource: dep.datasource,
    currentValue: dep.currentValue,
    ...(dep.registryUrls?.length ? { registryUrls: dep.registryUrls } : {}),
    ...(dep.currentDigest ? { currentDigest: dep.currentDigest } : {}),
  };
}

export function shapeOfExpected(pin: ExpectedPin): PinShape {
  return {
    file: pin.file,
    manager: pin.manager,
    depName: pin.depName,
    packageName: pin.packageName,
    datasource: pin.datasource,
    currentValue: pin.currentValue,
    ...(pin.registryUrls ? { registryUrls: pin.registryUrls } : {}),
    ...(pin.currentDigest ? { currentDigest: pin.currentDigest } : {}),
  };
}

export function sortShapes(shapes: PinShape[]): PinShape[] {
  return [...shapes].sort(byLocation);
}

/** A reported dependency that the fixture lists as "not a pin", matched on file, manager and name. */
export function isIgnored(dep: FoundDep, ignored: readonly ExpectedIgnored[]): boolean {
  return ignored.some(
    (entry) =>
      entry.file === dep.packageFile &&
      entry.manager === dep.manager &&
      entry.depName === dep.depName &&
      (entry.currentValue === undefined || entry.currentValue === dep.currentValue),
  );
}
