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
  return acquireHook(`${driver}:${name}#${id}`, () => {
    const target = owner as Record<string, unknown>;
    const hadOwn = Object.prototype.hasOwnProperty.call(owner, name);
    const descriptor = Object.getOwnPropertyDescriptor(owner, name);
    const original = target[name];
    if (typeof original !== 'function') return () => undefined;
    const wrapper = wrap(original as Method);
    Object.defineProperty(owner, name, { value: wrapper, writable: true, configurable: true, enumerable: descriptor?.enumerable ?? false });
    return () => {
      if (target[name] !== wrapper) return;
      if (hadOwn && descriptor !== undefined) Object.defineProperty(owner, name, descriptor);
      else delete target[name];
    };
  }, permanent);
}
