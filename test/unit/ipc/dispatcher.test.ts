import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { MatterlineHandlers } from '../../../preload/contract';
import { call, feature, type Caller } from '../../../preload/contract/define';
import { CatalogueError, success } from '../../../preload/contract/errors';
import { createDispatcher } from '../../../main/ipc/dispatcher';

const testContract = {
  sample: feature({
    calls: {
      echo: call(z.object({ text: z.string().max(5) }).strict(), z.string()),
      whoAmI: call(z.undefined(), z.string()),
      boom: call(z.undefined(), z.string()),
      refuse: call(z.undefined(), z.string()),
    },
    events: {},
  }),
};

const handlers = {
  sample: {
    echo: (input: { text: string }) => success(input.text.toUpperCase()),
    whoAmI: (_input: undefined, caller: Caller) => success(caller.id),
    boom: () => {
      throw new Error('disk on fire');
    },
    refuse: () => {
      throw new CatalogueError('NOT_FOUND', 'lot 42');
    },
  },
};

const window1: Caller = { id: 'bridge:1' };

function dispatcher(logged: string[] = [], gone: Caller[] = []) {
  const withLifecycle = { ...handlers, onCallerGone: (caller: Caller) => void gone.push(caller) };
  return createDispatcher(withLifecycle as unknown as MatterlineHandlers, (line) => logged.push(line), testContract as never);
}

describe('dispatcher', () => {
  it('answers a valid request through its handler', async () => {
    expect(await dispatcher().dispatch('sample.echo', { text: 'abc' }, window1)).toEqual({ ok: true, value: 'ABC' });
  });

  it('hands the caller to the handler', async () => {
    const shared = dispatcher();
    expect(await shared.dispatch('sample.whoAmI', undefined, window1)).toEqual({ ok: true, value: 'bridge:1' });
    expect(await shared.dispatch('sample.whoAmI', undefined, { id: 'webContents:7' })).toEqual({ ok: true, value: 'webContents:7' });
  });

  it('tells the handlers when a caller goes away, and survives a handler that throws then', () => {
    const gone: Caller[] = [];
    dispatcher([], gone).callerGone(window1);
    expect(gone).toEqual([window1]);
    const logged: string[] = [];
    const throwing = { ...handlers, onCallerGone: () => { throw new Error('cleanup failed'); } };
    const fragile = createDispatcher(throwing as unknown as MatterlineHandlers, (line) => logged.push(line), testContract as never);
    expect(() => fragile.callerGone(window1)).not.toThrow();
    expect(logged.join('\n')).toContain('cleanup failed');
    // Without a lifecycle hook it is a no-op.
    expect(() => createDispatcher(handlers as unknown as MatterlineHandlers, undefined, testContract as never).callerGone(window1)).not.toThrow();
  });

  it('refuses a malformed payload with IPC_BAD_REQUEST naming the field, without calling the handler', async () => {
    const logged: string[] = [];
    for (const payload of [{ text: 5 }, { text: 'too long' }, { text: 'a', extra: 1 }, 'a string', undefined]) {
      const result = await dispatcher(logged).dispatch('sample.echo', payload, window1);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('IPC_BAD_REQUEST');
        expect(result.error.fix.length).toBeGreaterThan(10);
        expect(result.error.detail).toMatch(/^sample\.echo: /);
      }
    }
    expect(logged).toHaveLength(5);
  });

  it('names the offending field in the detail', async () => {
    const result = await dispatcher().dispatch('sample.echo', { text: 5 }, window1);
    expect(!result.ok && result.error.detail).toContain('text:');
  });

  it('refuses an unknown channel', async () => {
    const result = await dispatcher().dispatch('sample.nope', {}, window1);
    expect(!result.ok && result.error.code).toBe('IPC_UNKNOWN_CHANNEL');
    const notAString = await dispatcher().dispatch(42 as unknown as string, {}, window1);
    expect(!notAString.ok && notAString.error.code).toBe('IPC_UNKNOWN_CHANNEL');
  });

  it('turns an unexpected exception into INTERNAL and logs it', async () => {
    const logged: string[] = [];
    const result = await dispatcher(logged).dispatch('sample.boom', undefined, window1);
    expect(!result.ok && result.error.code).toBe('INTERNAL');
    expect(logged.join('\n')).toContain('disk on fire');
  });

  it('passes a catalogue error thrown by a handler through unchanged', async () => {
    const result = await dispatcher().dispatch('sample.refuse', undefined, window1);
    expect(!result.ok && result.error).toMatchObject({ code: 'NOT_FOUND', detail: 'lot 42' });
  });

  it('refuses to start when a declared channel has no handler', () => {
    const partial = { sample: { echo: handlers.sample.echo, whoAmI: handlers.sample.whoAmI } };
    expect(() => createDispatcher(partial as unknown as MatterlineHandlers, undefined, testContract as never)).toThrow(/sample\.boom/);
  });
});
