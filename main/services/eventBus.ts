/**
 * Events pushed from main to every open window. Services emit; each host (the Electron IPC hub,
 * the loopback bridge) subscribes once and forwards to its windows.
 */
import type { Contract } from '../../preload/contract';
import type { EventMap } from '../../preload/contract/define';

export type StationEvents = EventMap<Contract>;
export type EventForwarder = (channel: string, payload: unknown) => void;

export class EventBus {
  private readonly forwarders = new Set<EventForwarder>();

  emit<E extends keyof StationEvents>(channel: E, payload: StationEvents[E]): void {
    for (const forward of this.forwarders) forward(channel, payload);
  }

  forwardTo(forwarder: EventForwarder): () => void {
    this.forwarders.add(forwarder);
    return () => this.forwarders.delete(forwarder);
  }
}
