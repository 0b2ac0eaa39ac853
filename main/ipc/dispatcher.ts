/**
 * The one place a request from the window is checked and answered. The Electron IPC hub and the
 * loopback bridge both hand every request here, so both enforce the same schemas and produce the
 * same catalogue errors. The hosts check the sender (frame URL, bridge token) before calling it and
 * name the window that asked (the caller); handlers key per-window state such as the signed-in
 * operator on it, and the hosts report when a window goes away so that state ends with it.
 */
import type { z } from 'zod';
import { channelName, contract, type Contract, type MatterlineHandlers } from '../../preload/contract';
import type { CallSpec, Caller } from '../../preload/contract/define';
import { CatalogueError, failure, type Result } from '../../preload/contract/errors';

export type { Caller } from '../../preload/contract/define';

export interface Dispatcher {
  readonly channels: readonly string[];
  dispatch(channel: string, payload: unknown, caller: Caller): Promise<Result<unknown>>;
  /** The window closed (WebContents destroyed, WebSocket closed): end what was kept for it. */
  callerGone(caller: Caller): void;
}

/** Beside the contract's handlers: told when a caller goes away (sessions end with their window). */
export interface CallerLifecycle {
  readonly onCallerGone?: (caller: Caller) => void;
}

export type DispatchLogger = (line: string) => void;

type AnyHandler = (input: unknown, caller: Caller) => Promise<Result<unknown>> | Result<unknown>;

interface Route {
  readonly spec: CallSpec;
  readonly handler: AnyHandler;
}

export function createDispatcher(
  handlers: MatterlineHandlers & CallerLifecycle,
  log: DispatchLogger = () => {},
  spec: Contract = contract,
): Dispatcher {
  const routes = new Map<string, Route>();
  for (const [featureName, featureSpec] of Object.entries(spec)) {
    const featureHandlers = (handlers as unknown as Record<string, Record<string, AnyHandler> | undefined>)[featureName];
    for (const [member, callSpec] of Object.entries(featureSpec.calls)) {
      const handler = featureHandlers?.[member];
      // A missing handler is a programming error: refuse to start rather than fail at a technician.
      if (typeof handler !== 'function') throw new Error(`No handler for IPC channel ${channelName(featureName, member)}.`);
      routes.set(channelName(featureName, member), { spec: callSpec, handler });
    }
  }

  return {
    channels: [...routes.keys()],
    async dispatch(channel, payload, caller) {
      const route = typeof channel === 'string' ? routes.get(channel) : undefined;
      if (route === undefined) return failure('IPC_UNKNOWN_CHANNEL', `channel ${String(channel)}`);
      const parsed = route.spec.input.safeParse(payload);
      if (!parsed.success) {
        const detail = `${channel}: ${describeIssues(parsed.error)}`;
        log(`refused ${detail}`);
        return failure('IPC_BAD_REQUEST', detail);
      }
      try {
        return await route.handler(parsed.data, caller);
      } catch (error) {
        if (error instanceof CatalogueError) return { ok: false, error: error.info };
        log(`internal error on ${channel}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return failure('INTERNAL', `${channel}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    callerGone(caller) {
      try {
        handlers.onCallerGone?.(caller);
      } catch (error) {
        // A window closing must never take the host down with it.
        log(`internal error ending ${caller.id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    },
  };
}

/** One line per problem, naming the field: "payload: expected undefined, received object". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}
