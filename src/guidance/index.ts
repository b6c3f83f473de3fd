// Guidance: the PEP 668 playbook applied to this machine. Entry points for cli, risk and migrate.
export { adviseInventory, adviseEnvironment, adviceNeedsIndex, projectEnvsByPackage, requirementName } from './advice.js';
export { prerequisiteFindings, PREREQUISITE_RULES } from './prerequisites.js';
export {
  fixCommand,
  installCommand,
  reinstallCommand,
  removeCommand,
  ensurePathCommands,
  dockerfileInstall,
  DOCKERFILE_VENV,
  isThrowawayContainer,
  containerSeverity,
  managerName,
  shellQuote,
  requirement,
  type FixAction,
} from './commands.js';
export { distroPackageName, venvPackage, pipxPackage, stdlibPackage, debianCandidates, minorOf } from './naming.js';
export { loadDistroIndex, aptLookup, type DistroIndex, type DistroMatch } from './distro-index.js';
export { loadAptIndex } from './apt-lists.js';
