import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../lambdas/cli/map-limit.js';

describe('mapLimit', () => {
  it('keeps the items’ order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n, index) => {
      running++;
      most = Math.max(most, running);
      // Later items finish first, so results arrive out of order.
      await new Promise((done) => setImmediate(done));
      for (let i = 0; i < n; i++) await Promise.resolve();
      running--;
      return `${index}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0']);
    expect(most).toBe(2);
  });

  it('rejects with the first failure once the running work has settled', async () => {
    const finished: number[] = [];
    const run = mapLimit([1, 2, 3], 3, async (n) => {
      if (n === 2) throw new Error('two failed');
      await new Promise((done) => setImmediate(done));
      finished.push(n);
      return n;
    });
    await expect(run).rejects.toThrow('two failed');
    expect(finished.sort()).toEqual([1, 3]);
  });

  it('answers an empty list at once', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  });
});
