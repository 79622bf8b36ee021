import type { BrokerOrder, PlaceOrderRequest, PlaceOrderResult } from '../broker.port';
import { canonicalDecimal } from './paper-decimal';

/** An order as the exchange keeps it: the port's shape plus the text a repeated clOrdId gets back. */
export interface PaperOrderRecord extends BrokerOrder {
  rejectText: string | null;
}

/** A new PendingNew order; prices are canonical when they parse and kept as sent when they do not. */
export function newOrderRecord(brokerOrderId: string, req: PlaceOrderRequest): PaperOrderRecord {
  return {
    brokerOrderId,
    clOrdId: req.clOrdId,
    accountRef: req.accountRef,
    contract: req.contract,
    action: req.action,
    quantity: req.quantity,
    orderType: req.orderType,
    price: req.orderType === 'Limit' ? (canonicalDecimal(req.price) ?? req.price ?? null) : null,
    stopPrice: req.orderType === 'Stop' ? (canonicalDecimal(req.stopPrice) ?? req.stopPrice ?? null) : null,
    status: 'PendingNew',
    filledQuantity: 0,
    avgFillPrice: null,
    rejectReason: null,
    rejectText: null,
  };
}

export function toBrokerOrder(order: PaperOrderRecord): BrokerOrder {
  const { rejectText: _rejectText, ...brokerOrder } = order;
  return brokerOrder;
}

/** What placing this order answered; a repeat of its clOrdId gets the same answer. */
export function resultOf(order: PaperOrderRecord): PlaceOrderResult {
  return order.status === 'Rejected'
    ? { accepted: false, reason: order.rejectReason ?? 'Rejected', text: order.rejectText ?? '' }
    : { accepted: true, brokerOrderId: order.brokerOrderId };
}

export function isFinished(order: BrokerOrder): boolean {
  return order.status !== 'PendingNew' && order.status !== 'Working';
}
