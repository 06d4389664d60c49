// Listed before perfspec/vitest: the timers and clocks perfspec captures when it loads are already fake.
import { vi } from 'vitest';

vi.useFakeTimers();
