/** EFR32 sequences over any DebugPort (J-Link, CMSIS-DAP, the simulator). See docs/probes.md. */
export { identify, readWord, type TargetIdentity } from './identify';
export { applyLock, detectSeries, deviceErase, readLockStatus, readSeries1ApIdr, LOCK_MODES, type DeviceEraseRequest, type LockMode, type LockStatus } from './lock';
export { programPages, readRegion, resetTarget } from './memory';
export { pageBlocksOf, programImage } from './programImage';
export { DciSession, decodeDciHeader, decodeDebugStatus, encodeDciCommand, withDci, DCI_COMMANDS, type DebugStatus } from './dci';
export type { TargetOptions } from './steps';
export {
  AgentSession,
  factoryDataArguments,
  openAgentSession,
  type AgentCommandName,
  type AgentCsrRequest,
  type AgentInitRequest,
  type AgentInitResult,
  type AgentSessionOptions,
  type AgentValues,
  type AgentWriteRequest,
} from './agentSession';
