import { acquireHook } from './acquireHook.js';
import { spyState } from './spyState.js';

type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Replaces `owner[name]` (a prototype's method) with `wrap(original)`, once per process however many times it is
 * asked, and returns a release function; the original (own or inherited) comes back when the last holder releases.
 *
 * @example
 * const release = hookMethod('pg', Client.prototype, 'query', (original) => function (...args) { return original.apply(this, args); });
 */
export function hookMethod(driver: string, owner: object, name: string, wrap: (original: Method) => Method, permanent = false): () => void {
  let id = spyState.ids.get(owner);
  if (id === undefined) {
    id = spyState.nextId++;
    spyState.ids.set(owner, id);
  }
  const key = `${driver}:${name}#${id}`;
  return acquireHook(key, () => {
    const target = owner as Record<string, unknown>;
    const hadOwn = Object.prototype.hasOwnProperty.call(owner, name);
    const descriptor = Object.getOwnPropertyDescriptor(owner, name);
    const original = target[name];
    if (typeof original !== 'function') return () => undefined;
    const hooked = wrap(original as Method);
    // A hook re-installed over a spy that wraps an earlier copy of it (a spy made while perfspec's hook was in
    // place) would see each call twice: the outermost hook counts, the ones it reaches pass the call through.
    const wrapper = function (this: unknown, ...args: unknown[]): unknown {
      if (spyState.passing.has(key)) return (original as Method).apply(this, args);
      spyState.passing.add(key);
      try {
        return hooked.apply(this, args);
      } finally {
        spyState.passing.delete(key);
      }
    };
    Object.defineProperty(owner, name, { value: wrapper, writable: true, configurable: true, enumerable: descriptor?.enumerable ?? false });
    return {
      undo: () => {
        if (target[name] !== wrapper) return;
        if (hadOwn && descriptor !== undefined) Object.defineProperty(owner, name, descriptor);
        else delete target[name];
      },
      intact: () => target[name] === wrapper,
    };
  }, permanent);
}
