// The sandbox harness: throw-away machines built with the real tools, offline. See ../README.md.
export { createSandbox, Sandbox, MACHINE_HOME } from './sandbox.js';
export type { CreateSandboxOptions, VenvOptions, VenvInfo } from './sandbox.js';
export { buildStandardMachine, standardMachine } from './standard-machine.js';
export type { StandardMachine, StandardMachineManifest } from './standard-machine.js';
export { DEMO, ensureWheels, buildWheels, runCacheDir } from './wheels.js';
export type { WheelSpec } from './wheels.js';
export type { CondaOptions, CondaEnvSpec, CondaLayout } from './conda.js';
export type { PyenvOptions, PyenvLayout } from './pyenv.js';
export type { DistroRootOptions, AptPackageOptions } from './distro.js';
export { writeDistInfo, tripwire, normalizeName } from './files.js';
export { run, RunError } from './run.js';
export { DEBIAN_PYTHON, DISTRO_PY_MINOR, DISTRO_PY_VERSION, requirePipx, requirePython } from './tools.js';
export { snapshotHost, listTree } from './snapshot.js';
export * as hazards from './hazards.js';
export { listing, diffListings } from './listing.js';
export type { ListingOptions } from './listing.js';
export { cli, cliEnv, operatorState, tryRun, BIN } from './cli.js';
export type { CliResult, CliOptions } from './cli.js';
