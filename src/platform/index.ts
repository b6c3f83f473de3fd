// Platform identification: which OS, distribution family, package manager, container, WSL, Pi.
export type { Platform, DistroFamily, PackageManager, ContainerKind } from './types.js';
export { detectPlatform } from './detect.js';
export { parseOsRelease, idLike, type OsRelease } from './os-release.js';
export { identifyFamily, packageManagerFor, prettyName } from './identify.js';
export { containerFrom, wslFrom, raspberryPiModel } from './container.js';
