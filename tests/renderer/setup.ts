import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/**
 * jsdom lacks what antd measures with (matchMedia, ResizeObserver, getComputedStyle of pseudo
 * elements); the renderer's API goes through a fake bridge the tests answer (bridge.ts), installed
 * as window.luoshi before any component module loads, exactly where the desktop preload puts it.
 */

Object.defineProperty(window, 'matchMedia', {
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
Object.defineProperty(window, 'ResizeObserver', { value: NoResizeObserver });

const computed = window.getComputedStyle.bind(window);
Object.defineProperty(window, 'getComputedStyle', { value: (element: Element) => computed(element) });

type Handler = (input: unknown) => unknown;
const handlers = new Map<string, Handler>();
const calls: { method: string; input: unknown }[] = [];

/** What a test makes the API answer, and what the component sent. */
export const fakeApi = {
  on(method: string, handler: Handler): void {
    handlers.set(method, handler);
  },
  calls,
  reset(): void {
    handlers.clear();
    calls.length = 0;
  },
};

window.luoshi = new Proxy(
  {},
  {
    get: (_target, method: string) => async (input: unknown) => {
      calls.push({ method, input });
      const handler = handlers.get(method);
      if (!handler) return { ok: false, error: { code: 'not_found', message: `测试未提供 ${method}` } };
      try {
        return { ok: true, data: await handler(input) };
      } catch (error) {
        return { ok: false, error: { code: 'invalid_input', message: (error as Error).message } };
      }
    },
  },
);

afterEach(() => {
  cleanup();
  fakeApi.reset();
});
