import { EntityManager } from 'typeorm';
import { BrokerFill } from '../broker/broker.port';
import { newId } from '../../core/ids';
import { Fill } from './entities/fill.entity';
import { Order } from './entities/order.entity';

/** The broker's fill as it reported it, linked to our order when we know it. */
export async function insertFillRow(tx: EntityManager, accountId: string, fill: BrokerFill, order: Order | null): Promise<void> {
  await tx.getRepository(Fill).insert({
    id: newId(),
    accountId,
    orderId: order?.id ?? null,
    brokerOrderId: fill.brokerOrderId,
    brokerFillId: fill.brokerFillId,
    contract: fill.contract,
    action: fill.action,
    quantity: fill.quantity,
    price: fill.price,
    ts: fill.ts,
  });
}
