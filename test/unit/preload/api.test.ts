import { describe, expect, it } from 'vitest';
import { callChannels, createApi, type Transport } from '../../../preload/api';
import { contract } from '../../../preload/contract';

function recordingTransport() {
  const invoked: Array<[string, unknown]> = [];
  const subscribed: string[] = [];
  const transport: Transport = {
    invoke: async (channel, payload) => {
      invoked.push([channel, payload]);
      return { ok: true, value: channel };
    },
    subscribe: (channel) => {
      subscribed.push(channel);
      return () => {};
    },
  };
  return { transport, invoked, subscribed };
}

describe('window.matterline as built from the contract', () => {
  it('exposes exactly the features and calls of the contract, plus on()', () => {
    const api = createApi(recordingTransport().transport) as unknown as Record<string, Record<string, unknown>>;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract), 'on'].sort());
    for (const [featureName, spec] of Object.entries(contract)) {
      expect(Object.keys(api[featureName] ?? {}).sort()).toEqual(Object.keys(spec.calls).sort());
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its feature.member channel with the one payload', async () => {
    const { transport, invoked } = recordingTransport();
    const api = createApi(transport);
    expect(await api.app.info()).toEqual({ ok: true, value: 'app.info' });
    await api.preflight.run();
    expect(invoked).toEqual([
      ['app.info', undefined],
      ['preflight.run', undefined],
    ]);
    expect(callChannels()).toEqual(expect.arrayContaining(['app.info', 'preflight.run']));
  });

  it('subscribes only to declared events', () => {
    const { transport, subscribed } = recordingTransport();
    const api = createApi(transport);
    api.on('preflight.checkDone', () => {});
    expect(subscribed).toEqual(['preflight.checkDone']);
    expect(() => api.on('not.an.event' as never, () => {})).toThrow(/Unknown Matterline event/);
  });
});
