import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { EventBus } from '../../core/bus/event-bus';
import { Side } from '../../core/bus/events';
import { Clock } from '../../core/clock';
import { closingAction } from '../../core/positions/order-plan';
import { clOrdIdFor, OrderContext, OrderGateway } from '../execution/order-gateway.service';
import { SignalsService } from '../signals/signals.service';
import { ExitMachine } from './entities/exit-machine.entity';
import { ExitConfirmationLoop, PositionWatch } from './exit-confirmation-loop';
import { assertTransition, ExitState } from './exit-states';

export interface ExitRequest {
  accountId: string;
  contract: string;
  /** only a position on this side is exited; null = whatever side it is */
  side: Side | null;
  /** contracts to take off; null = the whole position */
  quantity: number | null;
  reason: string;
  requestKey: string;
  signalId: string | null;
  traderId: string | null;
  recorderId: string | null;
  /** the caller has just cancelled every working order of the account (the kill switch) */
  workingOrdersCancelled?: boolean;
  /** the broker's position the caller has just read (the kill switch): not read a second time */
  brokerNetPos?: number;
  /** the broker's position event may confirm the exit without a read (the kill switch, where every round trip counts) */
  confirmByEvents?: boolean;
}

/** A whole-position exit that no signal or trader asked for (kill switch, drift policy, flatten). */
export function flattenRequest(accountId: string, contract: string, reason: string, requestKey: string, extra: Partial<ExitRequest> = {}): ExitRequest {
  return { accountId, contract, side: null, quantity: null, reason, requestKey, signalId: null, traderId: null, recorderId: null, ...extra };
}

export type ExitResult =
  | { outcome: 'flat' | 'reduced'; netPos: number; attempts: number }
  | { outcome: 'already_flat' | 'wrong_side' | 'duplicate'; netPos: number | null }
  | { outcome: 'unreadable' | 'rejected' | 'gave_up'; netPos: number | null; reason: string };

const MAX_ATTEMPTS = 3;

/**
 * Exits one position: IDLE -> PREPARE_EXIT -> WORKING_EXIT -> CONFIRM_FLAT -> IDLE.
 * Reads the broker's position (never our memory), cancels working orders, sends one MARKET order
 * with the closing side for what is really there, and confirms the broker shows the result.
 * Every move is persisted; call it inside the account's lane.
 */
@Injectable()
export class AdvancedExitManager {
  private readonly logger = new Logger('ExitManager');
  /** the machines as last stored (this service is their only writer): no read before each exit */
  private readonly stored = new Map<string, ExitMachine>();

  constructor(
    @InjectRepository(ExitMachine) private readonly machines: Repository<ExitMachine>,
    private readonly gateway: OrderGateway,
    private readonly confirmation: ExitConfirmationLoop,
    private readonly signals: SignalsService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {}

  async exit(req: ExitRequest): Promise<ExitResult> {
    let machine = await this.load(req.accountId, req.contract);
    if (machine.state !== 'IDLE') await this.resume(machine, req);
    machine = await this.load(req.accountId, req.contract);
    if (machine.requestKey === req.requestKey && machine.lastResult) {
      await this.signals.record(req.signalId, 'exit_joined', `this exit was already worked: ${machine.lastResult}`, req.accountId);
      return { outcome: 'duplicate', netPos: null };
    }
    // the same request again after other exits: its first order exists, so it was worked already;
    // going on would close whatever position is open now with a "corrective" order
    if (await this.gateway.orderExists(clOrdIdFor(req.requestKey, 0))) {
      await this.signals.record(req.signalId, 'exit_joined', 'this exit was already sent earlier: nothing sent', req.accountId);
      return { outcome: 'duplicate', netPos: null };
    }
    const ctx = contextOf(req);
    await this.move(machine, 'PREPARE_EXIT', req.reason, { requestKey: req.requestKey, signalId: req.signalId, attempts: 0, lastResult: null });
    let netPos: number;
    try {
      netPos = req.brokerNetPos ?? (await this.gateway.readPosition(req.accountId, req.contract));
    } catch (error) {
      const reason = `cannot read the broker position: ${(error as Error).message}; nothing sent`;
      await this.finish(machine, reason, req.signalId, 'exit_blocked');
      return { outcome: 'unreadable', netPos: null, reason };
    }
    if (netPos === 0) {
      await this.finish(machine, 'broker already flat: nothing sent', req.signalId, 'already_flat');
      return { outcome: 'already_flat', netPos: 0 };
    }
    const side: Side = netPos > 0 ? 'LONG' : 'SHORT';
    if (req.side && req.side !== side) {
      await this.finish(machine, `broker is ${side} ${Math.abs(netPos)}, not ${req.side}: nothing sent`, req.signalId, 'exit_skipped');
      return { outcome: 'wrong_side', netPos };
    }
    const qty = req.quantity === null ? Math.abs(netPos) : Math.min(req.quantity, Math.abs(netPos));
    const expected = netPos - Math.sign(netPos) * qty;
    if (!req.workingOrdersCancelled) await this.gateway.cancelWorking(ctx);
    machine.startNetPos = netPos;
    machine.expectedNetPos = expected;
    return this.work(machine, ctx, qty, req.confirmByEvents ?? false);
  }

  /** Finishes a machine a restart (or a crash) left outside IDLE, without a second exit. */
  async resume(machine: ExitMachine, req?: ExitRequest): Promise<void> {
    const ctx: OrderContext = { accountId: machine.accountId, contract: machine.contract, signalId: machine.signalId, traderId: req?.traderId ?? null, recorderId: req?.recorderId ?? null };
    this.logger.warn(`resuming the ${machine.state} exit of ${machine.contract} on account ${machine.accountId}`);
    if (machine.state === 'PREPARE_EXIT' || machine.expectedNetPos === null || machine.startNetPos === null) {
      // no order was sent yet: the exit starts over from the broker's position when asked again
      await this.finish(machine, 'restart before any order: exit not sent', machine.signalId, 'exit_resumed');
      return;
    }
    if (machine.state === 'WORKING_EXIT') await this.move(machine, 'CONFIRM_FLAT', 'resumed after restart');
    await this.confirm(machine, ctx);
  }

  private async work(machine: ExitMachine, ctx: OrderContext, qty: number, byEvents: boolean): Promise<ExitResult> {
    const action = closingAction(machine.startNetPos as number);
    const clOrdId = clOrdIdFor(machine.requestKey as string, machine.attempts);
    await this.move(machine, 'WORKING_EXIT', `${action} ${qty} at market`, { clOrdId, attempts: machine.attempts + 1 });
    const purpose = machine.expectedNetPos === 0 ? 'close' : 'reduce';
    // the broker's position events are heard from before the order goes out: they confirm it
    const watch = byEvents ? this.confirmation.watch(machine.accountId, machine.contract) : undefined;
    try {
      const outcome = await this.gateway.placeMarket(ctx, action, qty, purpose, clOrdId);
      if (outcome.status === 'rejected' || outcome.status === 'blocked') {
        await this.failed(machine, `exit order ${outcome.status}: ${outcome.reason}`);
        return { outcome: 'rejected', netPos: null, reason: outcome.reason };
      }
      await this.move(machine, 'CONFIRM_FLAT', `order ${outcome.status}`);
      return await this.confirm(machine, ctx, watch);
    } finally {
      watch?.stop();
    }
  }

  private async confirm(machine: ExitMachine, ctx: OrderContext, watch?: PositionWatch): Promise<ExitResult> {
    const expected = machine.expectedNetPos as number;
    const start = machine.startNetPos as number;
    let seen = await this.confirmation.waitFor(machine.accountId, machine.contract, expected, undefined, watch);
    if (seen === expected) return this.confirmed(machine);
    const last = machine.clOrdId ? await this.gateway.findOrder(machine.clOrdId) : null;
    if (seen !== null && (!last || last.status === 'pending' || last.status === 'working')) {
      // the exit order has no final answer (lost on the way, or a restart cut it short): cancel
      // whatever still works on the contract, then act only on what the broker really shows
      await this.gateway.cancelWorking(ctx).catch(() => 0);
      seen = await this.confirmation.waitFor(machine.accountId, machine.contract, expected, 300);
      if (machine.clOrdId) await this.gateway.markNeverSent(machine.clOrdId);
      if (seen === expected) return this.confirmed(machine);
    }
    if (seen === null) return this.giveUp(machine, 'position unreadable while confirming the exit');
    if (Math.sign(seen) !== Math.sign(start) && seen !== 0) return this.giveUp(machine, `position went to the other side (${seen}): no further order`);
    if (machine.attempts >= MAX_ATTEMPTS) return this.giveUp(machine, `position still ${seen} after ${machine.attempts} exit orders`);
    const left = Math.abs(seen) - Math.abs(expected);
    if (left <= 0) return this.giveUp(machine, `position ${seen} is past the expected ${expected}`);
    await this.signals.record(machine.signalId, 'exit_corrective', `position ${seen}, expected ${expected}: one market order for the ${left} really left`, machine.accountId);
    return this.work(machine, ctx, left, watch !== undefined);
  }

  private async confirmed(machine: ExitMachine): Promise<ExitResult> {
    const expected = machine.expectedNetPos as number;
    const result: ExitResult = { outcome: expected === 0 ? 'flat' : 'reduced', netPos: expected, attempts: machine.attempts };
    await this.finish(machine, `confirmed at the broker: position ${expected}`, machine.signalId, expected === 0 ? 'confirmed_flat' : 'confirmed_reduced');
    return result;
  }

  private async giveUp(machine: ExitMachine, reason: string): Promise<ExitResult> {
    await this.failed(machine, reason);
    return { outcome: 'gave_up', netPos: null, reason };
  }

  private async failed(machine: ExitMachine, reason: string): Promise<void> {
    this.logger.error(`EXIT NOT CONFIRMED on account ${machine.accountId} ${machine.contract}: ${reason}`);
    this.bus.publish({ type: 'ExitFailed', ts: this.clock.nowIso(), accountId: machine.accountId, contract: machine.contract, reason });
    await this.finish(machine, reason, machine.signalId, 'exit_failed');
  }

  private async finish(machine: ExitMachine, result: string, signalId: string | null, step: string): Promise<void> {
    await this.signals.record(signalId, step, result, machine.accountId);
    await this.move(machine, 'IDLE', result, { lastResult: result.slice(0, 500) });
  }

  private async move(machine: ExitMachine, to: ExitState, reason: string, changes: Partial<ExitMachine> = {}): Promise<void> {
    const from = machine.state;
    assertTransition(from, to);
    Object.assign(machine, changes, { state: to, reason: reason.slice(0, 200), updatedAt: this.clock.nowIso() });
    // one statement (INSERT .. ON CONFLICT UPDATE, nothing read back): the kill switch writes these for every account at once
    const key = machineKey(machine.accountId, machine.contract);
    try {
      await this.machines
        .createQueryBuilder()
        .insert()
        .values(machine)
        .orUpdate(MACHINE_COLUMNS, ['accountId', 'contract'])
        .updateEntity(false)
        .execute();
    } catch (error) {
      // what is stored is not known now: the next exit reads it again
      this.stored.delete(key);
      throw error;
    }
    this.stored.set(key, machine);
    this.logger.debug(`${machine.accountId} ${machine.contract}: ${from} -> ${to} (${reason})`);
    this.bus.publish({ type: 'ExitStateChanged', ts: machine.updatedAt, accountId: machine.accountId, contract: machine.contract, from, to, reason });
  }

  private async load(accountId: string, contract: string): Promise<ExitMachine> {
    const known = this.stored.get(machineKey(accountId, contract));
    if (known) return known;
    // none stored yet is the same as IDLE with nothing worked: remembered as such
    const machine =
      (await this.machines.findOneBy({ accountId, contract })) ??
      this.machines.create({
        accountId,
        contract,
        state: 'IDLE',
        requestKey: null,
        reason: null,
        expectedNetPos: null,
        startNetPos: null,
        clOrdId: null,
        attempts: 0,
        signalId: null,
        lastResult: null,
        updatedAt: this.clock.nowIso(),
      });
    this.stored.set(machineKey(accountId, contract), machine);
    return machine;
  }

  listActive(): Promise<ExitMachine[]> {
    return this.machines.find({ where: [{ state: 'PREPARE_EXIT' }, { state: 'WORKING_EXIT' }, { state: 'CONFIRM_FLAT' }] });
  }

  listAll(): Promise<ExitMachine[]> {
    return this.machines.find({ order: { updatedAt: 'DESC' } });
  }
}

const MACHINE_COLUMNS = ['state', 'requestKey', 'reason', 'expectedNetPos', 'startNetPos', 'clOrdId', 'attempts', 'signalId', 'lastResult', 'updatedAt'];
const machineKey = (accountId: string, contract: string) => `${accountId}|${contract}`;

function contextOf(req: ExitRequest): OrderContext {
  return { accountId: req.accountId, contract: req.contract, signalId: req.signalId, traderId: req.traderId, recorderId: req.recorderId };
}
