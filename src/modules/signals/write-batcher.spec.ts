import { WriteBatcher } from './write-batcher';

describe('WriteBatcher (group commit)', () => {
  it('rows added in the same tick go out in one write, in the order they came; each caller learns when its row is written', async () => {
    const writes: number[][] = [];
    const batcher = new WriteBatcher<number>(async (rows) => void writes.push(rows));
    const done = await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    expect(done).toEqual([undefined, undefined, undefined]);
    await batcher.add(4);
    expect(writes).toEqual([[1, 2, 3], [4]]);
  });

  it('a failed write rejects every row in it and no other: nothing is reported stored that is not', async () => {
    let fail = true;
    const batcher = new WriteBatcher<string>(async () => {
      if (fail) throw new Error('disk full');
    });
    const first = [batcher.add('a'), batcher.add('b')].map((p) => p.then(() => 'stored', (e: Error) => e.message));
    expect(await Promise.all(first)).toEqual(['disk full', 'disk full']);
    fail = false;
    await expect(batcher.add('c')).resolves.toBeUndefined();
  });

  it('a big burst is cut into writes of at most maxRows', async () => {
    const sizes: number[] = [];
    const batcher = new WriteBatcher<number>(async (rows) => void sizes.push(rows.length), 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('flushed() waits for rows added so far, even before their tick came', async () => {
    const written: number[] = [];
    const batcher = new WriteBatcher<number>(async (rows) => {
      await new Promise((r) => setTimeout(r, 5));
      written.push(...rows);
    });
    void batcher.add(7);
    await batcher.flushed();
    expect(written).toEqual([7]);
  });
});
