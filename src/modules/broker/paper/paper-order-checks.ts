import type { PlaceOrderRequest } from '../broker.port';
import { isMultipleOf, parseDecimal } from './paper-decimal';

export interface Rejection {
  reason: string;
  text: string;
}

/**
 * The checks a real futures broker makes before accepting an order, in the order a trader would
 * want to hear about them. Quote and position checks stay in the exchange, which holds that state.
 */
export function checkOrderTicket(req: PlaceOrderRequest, tickSizeText: string | null): Rejection | null {
  if (tickSizeText === null) {
    return {
      reason: 'InvalidContract',
      text: `The paper broker does not know contract ${req.contract}. Check the symbol mapping for this recorder.`,
    };
  }
  const tick = parseDecimal(tickSizeText);
  if (!tick || tick.num <= 0n) {
    return {
      reason: 'InvalidContract',
      text: `Contract ${req.contract} has an unusable tick size "${tickSizeText}". Fix the contract table.`,
    };
  }
  if (!Number.isSafeInteger(req.quantity) || req.quantity <= 0) {
    return {
      reason: 'InvalidQuantity',
      text: `Quantity ${req.quantity} is not a whole number of contracts above 0.`,
    };
  }
  const levelName = req.orderType === 'Limit' ? 'Limit price' : req.orderType === 'Stop' ? 'Stop price' : null;
  if (levelName === null) return null;
  const levelText = req.orderType === 'Limit' ? req.price : req.stopPrice;
  const level = parseDecimal(levelText);
  if (!level) {
    return {
      reason: 'InvalidPrice',
      text: `${levelName} ${JSON.stringify(levelText ?? null)} is missing or not a decimal number.`,
    };
  }
  if (!isMultipleOf(level, tick)) {
    return {
      reason: 'InvalidPrice',
      text: `${levelName} ${levelText} is not on the ${tickSizeText} tick of ${req.contract}. Round it to the tick.`,
    };
  }
  return null;
}

/** Only orders that grow the absolute position count against the cap; closes always pass. */
export function checkMaxPosition(
  netPos: number,
  signedQuantity: number,
  maxPosition: number | null,
): Rejection | null {
  const after = netPos + signedQuantity;
  if (maxPosition === null || Math.abs(after) <= Math.abs(netPos) || Math.abs(after) <= maxPosition) return null;
  return {
    reason: 'MaxPosLimitReached',
    text:
      `This order would take the position from ${netPos} to ${after} contracts; ` +
      `the account's max position is ${maxPosition}. Reduce the size or raise the limit.`,
  };
}

export function unknownAccount(accountRef: string): Rejection {
  return { reason: 'UnknownAccount', text: `Paper account ${accountRef} does not exist. Add it before trading on it.` };
}

export function noQuote(contract: string): Rejection {
  return {
    reason: 'NoQuote',
    text:
      `There is no price for ${contract} yet, and the paper broker fills market orders at the current quote. ` +
      'Send a quote first.',
  };
}

export function noPosition(accountRef: string, contract: string): Rejection {
  return {
    reason: 'NoPosition',
    text: `Paper account ${accountRef} is already flat on ${contract}; nothing was sent.`,
  };
}

export function unknownOrder(accountRef: string, brokerOrderId: string): Rejection {
  return { reason: 'UnknownOrder', text: `Order ${brokerOrderId} does not exist on paper account ${accountRef}.` };
}

export function orderNotWorking(brokerOrderId: string, status: string): Rejection {
  return {
    reason: 'OrderNotWorking',
    text: `Order ${brokerOrderId} is ${status}; only working orders can be canceled.`,
  };
}
