import { EntityManager } from 'typeorm';
import { BrokerFill } from '../broker/broker.port';
import { newId } from '../../core/ids';
import { FLAT_LEDGER, LedgerState } from '../../core/positions/position-ledger';
import { Fill } from './entities/fill.entity';
import { insertFillRow } from './fill-rows';
import { Order } from './entities/order.entity';
import { Position } from './entities/position.entity';

/** A position whose ledger lost its trade (an unbookable fill): only quantities can be followed until it is flat. */
export function ledgerUnusable(state: LedgerState): boolean {
  return state.netPos !== 0 && state.trade === null;
}

/**
 * Books a fill the ledger's tick maths cannot hold (an off-scale price): the fill row as the broker
 * reported it and the broker's quantity on the position, with no average price and no trade.
 * The book never says flat while the broker holds contracts. Returns the new net position.
 */
export async function bookQuantityOnly(tx: EntityManager, accountId: string, fill: BrokerFill, order: Order | null, now: string): Promise<number | null> {
  if (await tx.getRepository(Fill).exist({ where: { accountId, brokerFillId: fill.brokerFillId } })) return null;
  await insertFillRow(tx, accountId, fill, order);
  const positions = tx.getRepository(Position);
  const row = await positions.findOneBy({ accountId, contract: fill.contract });
  const before: LedgerState = row ? JSON.parse(row.ledger) : FLAT_LEDGER;
  const netPos = before.netPos + (fill.action === 'Buy' ? fill.quantity : -fill.quantity);
  await positions.save({
    accountId,
    contract: fill.contract,
    netPos,
    avgPrice: null,
    ledger: JSON.stringify(netPos === 0 ? FLAT_LEDGER : { netPos, trade: null }),
    recorderId: row?.recorderId ?? order?.recorderId ?? null,
    exitPlan: netPos === 0 ? null : row?.exitPlan ?? null,
    positionKey: netPos === 0 ? null : row?.positionKey ?? newId(),
    updatedAt: now,
  });
  return netPos;
}
