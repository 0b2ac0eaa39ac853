/**
 * The shape of the IPC contract. A feature module declares its calls (renderer → main, one request,
 * one Result) and its events (main → renderer pushes) once, with a zod schema for each payload.
 * Main validates every incoming payload against the schema; the preload script and the browser
 * bridge client derive `window.matterline` from the same declarations, so nothing can drift.
 */
import type { z } from 'zod';
import type { Result } from './errors';

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export interface FeatureSpec {
  readonly calls: Readonly<Record<string, CallSpec>>;
  readonly events: Readonly<Record<string, z.ZodType>>;
}

export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallSpec<I, O> {
  return { input, output };
}

export function feature<F extends FeatureSpec>(spec: F): F {
  return spec;
}

/** `preflight` + `run` → `preflight.run`: the channel name on IPC and on the bridge. */
export function channelName(featureName: string, member: string): string {
  return `${featureName}.${member}`;
}

export type CallInput<C extends CallSpec> = z.input<C['input']>;
export type CallOutput<C extends CallSpec> = z.output<C['output']>;

/** A call with no payload is called with no argument. */
type CallFunction<C extends CallSpec> = undefined extends CallInput<C>
  ? (input?: CallInput<C>) => Promise<Result<CallOutput<C>>>
  : (input: CallInput<C>) => Promise<Result<CallOutput<C>>>;

export type FeatureApi<F extends FeatureSpec> = { readonly [K in keyof F['calls']]: CallFunction<F['calls'][K]> };

export type ContractSpec = Readonly<Record<string, FeatureSpec>>;

/** Every event of a contract as `feature.event` → payload type. */
export type EventMap<C extends ContractSpec> = {
  [E in EventKey<C>]: E extends `${infer F}.${infer N}` ? z.output<C[F]['events'][N]> : never;
};
type EventKey<C extends ContractSpec> = {
  [F in keyof C & string]: `${F}.${keyof C[F]['events'] & string}`;
}[keyof C & string];

export type ContractApi<C extends ContractSpec> = { readonly [F in keyof C]: FeatureApi<C[F]> } & {
  /** Subscribe to a pushed event; returns the function that unsubscribes. */
  readonly on: <E extends keyof EventMap<C>>(event: E, listener: (payload: EventMap<C>[E]) => void) => () => void;
};

/**
 * Who sent a request: one window (`webContents:<id>` in Electron, `bridge:<n>` per WebSocket
 * connection). Main keys per-window state (the signed-in operator) on it; the window never chooses it.
 */
export interface Caller {
  readonly id: string;
}

/** What main implements for a feature: validated input and its caller in, Result out. */
export type FeatureHandlers<F extends FeatureSpec> = {
  readonly [K in keyof F['calls']]: (
    input: z.output<F['calls'][K]['input']>,
    caller: Caller,
  ) => Promise<Result<CallOutput<F['calls'][K]>>> | Result<CallOutput<F['calls'][K]>>;
};

export type ContractHandlers<C extends ContractSpec> = { readonly [F in keyof C]: FeatureHandlers<C[F]> };
