/**
 * The IPC contract: every channel between the window and main, declared once, one module per
 * feature. Add a feature by adding its module here; main refuses to start if a handler is missing.
 */
import { appContract } from './app';
import type { ContractApi, ContractHandlers } from './define';
import { lotsContract } from './lots';
import { preflightContract } from './preflight';
import { sessionContract } from './session';
import { stationContract } from './station';

export const contract = {
  app: appContract,
  lots: lotsContract,
  preflight: preflightContract,
  session: sessionContract,
  station: stationContract,
} as const;

export type Contract = typeof contract;
export type MatterlineApi = ContractApi<Contract>;
export type MatterlineHandlers = ContractHandlers<Contract>;

export { channelName } from './define';
export * from './errors';
export type { AppInfo } from './app';
export type { ConfigurationSummary, LotSummary } from './lots';
export type { PreflightCheck, PreflightReport } from './preflight';
export type { OperatorRole, SessionStatus, SignedInOperator } from './session';
export type { DeviceOutcomeView, PipelineStepName, ProbeInfo, RunState } from './station';
