import { describe, expect, it } from 'vitest';
import { formatLatency, formatWholeMs } from '../../src/renderer/app/format.js';

describe('latencies in the inspector', () => {
  it('are shown in microseconds below a millisecond, as the engine measures them', () => {
    expect(formatLatency(0.004)).toBe('4 µs');
    expect(formatLatency(0.0375)).toBe('38 µs');
    expect(formatLatency(0.9994)).toBe('999 µs');
    expect(formatLatency(1.25)).toBe('1.3 ms');
    expect(formatLatency(42.4)).toBe('42 ms');
    expect(formatLatency(null)).toBe('—');
  });

  it('in whole milliseconds (forwarding), a 0 is under a millisecond, not nothing', () => {
    expect(formatWholeMs(0)).toBe('< 1 ms');
    expect(formatWholeMs(7)).toBe('7.0 ms');
    expect(formatWholeMs(null)).toBe('—');
  });
});
