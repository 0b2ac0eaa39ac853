/**
 * The IPC contract: every channel between the window and main, declared once, one module per
 * feature. Add a feature by adding its module here; main refuses to start if a handler is missing.
 */
import { appContract } from './app';
import { configsContract } from './configs';
import type { ContractApi, ContractHandlers } from './define';
import { historyContract } from './history';
import { labelsContract } from './labels';
import { lotsContract } from './lots';
import { preflightContract } from './preflight';
import { qaContract } from './qa';
import { sessionContract } from './session';
import { settingsContract } from './settings';
import { stationContract } from './station';

export const contract = {
  app: appContract,
  configs: configsContract,
  history: historyContract,
  labels: labelsContract,
  lots: lotsContract,
  preflight: preflightContract,
  qa: qaContract,
  session: sessionContract,
  settings: settingsContract,
  station: stationContract,
} as const;

export type Contract = typeof contract;
export type MatterlineApi = ContractApi<Contract>;
export type MatterlineHandlers = ContractHandlers<Contract>;

export { channelName } from './define';
export * from './errors';
export type { AppInfo } from './app';
export type { ConfigDetail, ConfigDraft, ConfigProblemView, DraftCheck } from './configs';
export type { Download, StoredFile } from './files';
export type { DeviceDetail, DeviceRow, LotCharts } from './history';
export type { LabelPreview } from './labels';
export type { ConfigurationSummary, LotSummary } from './lots';
export type { ReadbackProbe, ReadbackView } from './qa';
export type { LabelTemplate, OperatorRow, StationSettings } from './settings';
export type { PreflightCheck, PreflightReport } from './preflight';
export type { OperatorRole, SessionStatus, SignedInOperator } from './session';
export type { DeviceOutcomeView, PipelineStepName, ProbeInfo, RunState } from './station';
