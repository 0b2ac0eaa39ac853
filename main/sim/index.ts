/** The simulated EFR32 as a debug probe sees it. See docs/simulator.md. */
export {
  DEFAULT_EUI64,
  DEFAULT_TIMEOUT_MS,
  SIM_OPERATIONS,
  formatEui64,
  parseEui64,
  resolveSimConfig,
  type ResolvedSimConfig,
  type SimConfig,
  type SimFactoryFirmware,
  type SimFault,
  type SimLockMode,
  type SimOperation,
  type SimTiming,
} from './config';
export { FlashRegion, MAX_WRITES_PER_WORD } from './flash';
export {
  DCI_ID,
  DCI_ID_VALUE,
  DCI_RDATA,
  DCI_STATUS,
  DCI_STATUS_RDATAVALID,
  DCI_STATUS_WPENDING,
  DCI_WDATA,
  DEBUG_STATUS,
  SE_COMMAND,
  SE_RESPONSE,
  SecureEngine,
  type SecureEngineState,
} from './secureEngine';
export { AIRCR, DEMCR, DHCSR, LOCK_BITS_BASE, SERIES1_ALW, SERIES1_DLW, SERIES1_DLW_LOCKED, SimulatedEfr32, USER_DATA_BASE, type SimResetKind } from './efr32';
export {
  AAP,
  AAP_CMDKEY_VALUE,
  AAP_IDR,
  AHB_AP_IDR_SERIES1,
  AHB_AP_IDR_SERIES2,
  AP,
  DP,
  DPIDR_SERIES1,
  DPIDR_SERIES2,
  SimulatedDebugPort,
  type SimulatedPortOptions,
} from './simulatedDebugPort';
export {
  RTT_CONTROL_BLOCK_OFFSET,
  RTT_DOWN_BUFFER_SIZE,
  RTT_ID,
  RTT_UP_BUFFER_SIZE,
  findRttControlBlock,
  readRttControlBlock,
  rttControlBlockImage,
  rttRingRead,
  rttRingWrite,
  type RttBufferDescriptor,
  type RttControlBlock,
  type RttMemory,
} from './rtt';
export {
  SIM_FIRMWARE_HEADER_SIZE,
  SIM_FIRMWARE_KIND_CODE,
  SIM_FIRMWARE_KINDS,
  SIM_FIRMWARE_MAGIC,
  buildSimulatedFirmware,
  recogniseSimulatedFirmware,
  simulatedFirmwareHeader,
  type RecognisedFirmware,
  type SimFirmwareKind,
  type SimFirmwareRequest,
} from './firmware';
export { SimKeyStore } from './agent/keyStore';
export { AGENT_DAC_KEY_ID, AGENT_NVM3_SIZE, AGENT_STATUS, ProvisioningAgent, agentCsrPem, buildAgentCsr, type AgentChip, type AgentCsrSubject, type AgentOptions } from './agent';
// The shell responder is pure; its pty (main/sim/shell/ptyServer.ts) spawns socat and is imported from './shell'.
export { MatterShell, SHELL_PROMPT, type MatterShellOptions } from './shell/matterShell';
export { SerialLine, type SerialFault } from './shell/serialFaults';
