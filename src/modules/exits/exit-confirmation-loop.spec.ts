import { EventBus } from '../../core/bus/event-bus';
import { OrderGateway } from '../execution/order-gateway.service';
import { ExitConfirmationLoop } from './exit-confirmation-loop';

/** A broker position the test sets; every read is counted. */
function fakeGateway(initial: number) {
  const state = { netPos: initial, reads: 0, unreadable: false };
  const gateway = {
    readPosition: async () => {
      state.reads++;
      if (state.unreadable) throw new Error('broker read failed');
      return state.netPos;
    },
  } as unknown as OrderGateway;
  return { state, gateway };
}

function positionEvent(bus: EventBus, accountId: string, contract: string, netPos: number): void {
  bus.publish({ type: 'PositionUpdated', ts: new Date().toISOString(), accountId, position: { accountRef: 'ref', contract, netPos, avgPrice: netPos === 0 ? null : '21000' } });
}

describe('ExitConfirmationLoop', () => {
  it("confirms flat from the broker's position event alone, without reading the position", async () => {
    const bus = new EventBus();
    const { state, gateway } = fakeGateway(2);
    const loop = new ExitConfirmationLoop(gateway, bus);
    const watch = loop.watch('acc-1', 'MNQZ6');
    const confirmed = loop.waitFor('acc-1', 'MNQZ6', 0, 2_000, watch);
    // another account's and another contract's events confirm nothing
    positionEvent(bus, 'acc-2', 'MNQZ6', 0);
    positionEvent(bus, 'acc-1', 'MESZ6', 0);
    positionEvent(bus, 'acc-1', 'MNQZ6', 0);
    await expect(confirmed).resolves.toBe(0);
    expect(state.reads).toBe(0);
    watch.stop();
  });

  it('an event heard before the wait starts (the fill came first) confirms it too', async () => {
    const bus = new EventBus();
    const { state, gateway } = fakeGateway(-3);
    const loop = new ExitConfirmationLoop(gateway, bus);
    const watch = loop.watch('acc-1', 'MNQZ6');
    positionEvent(bus, 'acc-1', 'MNQZ6', -1);
    await expect(loop.waitFor('acc-1', 'MNQZ6', -1, 2_000, watch)).resolves.toBe(-1);
    expect(state.reads).toBe(0);
    watch.stop();
  });

  it('when no event comes, a read backs the events up and confirms what the broker shows', async () => {
    const bus = new EventBus();
    const { state, gateway } = fakeGateway(0);
    const loop = new ExitConfirmationLoop(gateway, bus);
    const watch = loop.watch('acc-1', 'MNQZ6');
    await expect(loop.waitFor('acc-1', 'MNQZ6', 0, 2_000, watch)).resolves.toBe(0);
    expect(state.reads).toBe(1);
    watch.stop();
  });

  it('an event with another position is not taken as flat: the wait ends on the bounded read with what the broker shows', async () => {
    const bus = new EventBus();
    const { state, gateway } = fakeGateway(1);
    const loop = new ExitConfirmationLoop(gateway, bus);
    const watch = loop.watch('acc-1', 'MNQZ6');
    positionEvent(bus, 'acc-1', 'MNQZ6', 1);
    await expect(loop.waitFor('acc-1', 'MNQZ6', 0, 400, watch)).resolves.toBe(1);
    expect(state.reads).toBeGreaterThanOrEqual(1);
    watch.stop();
  });

  it('an unreadable broker and no event: the wait ends with null (never taken as flat)', async () => {
    const bus = new EventBus();
    const { state, gateway } = fakeGateway(0);
    state.unreadable = true;
    const loop = new ExitConfirmationLoop(gateway, bus);
    await expect(loop.waitFor('acc-1', 'MNQZ6', 0, 300)).resolves.toBeNull();
    expect(state.reads).toBeGreaterThanOrEqual(1);
  });
});
