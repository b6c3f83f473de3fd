// The site readers' public face, for locators and tests: reading one site directory (site-read.ts)
// and building an environment from a prefix (env-prefix.ts). A barrel only: env-prefix.ts imports
// site-read.ts directly, so there is no import cycle between them.
export { errText, findSitePackages, listedPthFiles, readSite, type SiteResult } from './site-read.js';
export { envFromPrefix, type EnvExtra } from './env-prefix.js';
export { getDpkgIndex, type DpkgIndex } from './dpkg-index.js';
