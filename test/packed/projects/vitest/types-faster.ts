// Type tests of toBeFasterThan: compiled with tsc --noEmit, never run. Left out under Vitest 5, whose own
// toBeFasterThan (for bench results) is declared as a property of Assertion and hides perfspec's signature there.
import 'perfspec/vitest';
import { expect } from 'vitest';
import { sized } from 'perfspec';

export async function fasterTypeChecks(): Promise<void> {
  await expect(() => 1).toBeFasterThan(() => 2);
  await expect(async () => 1).toBeFasterThan(async () => 2, { by: 1.5, clock: 'wall', maxTimeMs: 500 });
  await expect(sized((n) => new Array<number>(n), (a) => a.sort())).toBeFasterThan(sized((n) => new Array<number>(n), (a) => a.reverse()), 1000);
  // @ts-expect-error by is a number
  await expect(() => 1).toBeFasterThan(() => 2, { by: '2x' });
  // @ts-expect-error the reference is a function, not a value
  await expect(() => 1).toBeFasterThan(2);
}
