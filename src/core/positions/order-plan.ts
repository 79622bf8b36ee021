/**
 * The decision matrix: given the position (the broker's, or a recorder's virtual one) and what an
 * alert asks, which orders to send. Pure, so the same rules drive the broker and the virtual book.
 *
 * - flat + enter: open.
 * - same side + enter: add (DCA on), ignore, or close and enter fresh, as the recorder says.
 * - opposite side + enter: close then open the new side (reverse), or blocked (DCA on).
 * - exit: close exactly the open quantity with the opposite action; flat = nothing to do.
 * - reduce: take off at most the open quantity; never flips.
 */
export type PlanSide = 'LONG' | 'SHORT';
export type PlanAction = 'Buy' | 'Sell';

export type PlanStep =
  | { kind: 'close'; action: PlanAction; quantity: number }
  | { kind: 'reduce'; action: PlanAction; quantity: number }
  | { kind: 'open'; action: PlanAction; quantity: number; purpose: 'open' | 'add' };

export interface OrderPlan {
  steps: PlanStep[];
  /** why fewer orders than asked: already_flat, same_side_ignored, opposite_blocked, ... */
  note: string | null;
}

export interface EnterPolicy {
  sameSide: 'add' | 'ignore' | 'reenter';
  opposite: 'reverse' | 'block';
  /** cap on the absolute position (and so on every order); null = none */
  maxQuantity: number | null;
  /** contracts an add sends (the add size); absent or null = `quantity` */
  addQuantity?: number | null;
}

const entryAction = (side: PlanSide): PlanAction => (side === 'LONG' ? 'Buy' : 'Sell');
/** Closing a SHORT buys, closing a LONG sells. */
export const closingAction = (netPos: number): PlanAction => (netPos < 0 ? 'Buy' : 'Sell');
const sideOf = (netPos: number): PlanSide | null => (netPos > 0 ? 'LONG' : netPos < 0 ? 'SHORT' : null);

export function planEnter(netPos: number, side: PlanSide, quantity: number, policy: EnterPolicy): OrderPlan {
  const cap = policy.maxQuantity;
  const openQty = cap === null ? quantity : Math.min(quantity, cap);
  if (quantity <= 0) return { steps: [], note: 'zero_quantity' };
  const current = sideOf(netPos);
  const close: PlanStep = { kind: 'close', action: closingAction(netPos), quantity: Math.abs(netPos) };
  const open = (purpose: 'open' | 'add', qty: number): PlanStep => ({ kind: 'open', action: entryAction(side), quantity: qty, purpose });

  if (current === null) {
    return openQty > 0 ? { steps: [open('open', openQty)], note: openQty < quantity ? 'capped_by_max_quantity' : null } : { steps: [], note: 'max_quantity_zero' };
  }
  if (current === side) {
    if (policy.sameSide === 'ignore') return { steps: [], note: 'same_side_ignored' };
    if (policy.sameSide === 'reenter') {
      return { steps: openQty > 0 ? [close, open('open', openQty)] : [close], note: 'same_side_reentered' };
    }
    const addQty = policy.addQuantity ?? quantity;
    if (addQty <= 0) return { steps: [], note: 'zero_quantity' };
    const room = cap === null ? addQty : Math.min(addQty, cap - Math.abs(netPos));
    if (room <= 0) return { steps: [], note: 'at_max_quantity' };
    return { steps: [open('add', room)], note: room < addQty ? 'capped_by_max_quantity' : null };
  }
  if (policy.opposite === 'block') return { steps: [], note: 'opposite_blocked' };
  return { steps: openQty > 0 ? [close, open('open', openQty)] : [close], note: 'reversed' };
}

export function planExit(netPos: number, side: PlanSide | null): OrderPlan {
  if (netPos === 0) return { steps: [], note: 'already_flat' };
  if (side !== null && sideOf(netPos) !== side) return { steps: [], note: `not_${side.toLowerCase()}` };
  return { steps: [{ kind: 'close', action: closingAction(netPos), quantity: Math.abs(netPos) }], note: null };
}

export function planReduce(netPos: number, side: PlanSide, quantity: number): OrderPlan {
  if (netPos === 0) return { steps: [], note: 'already_flat' };
  if (sideOf(netPos) !== side) return { steps: [], note: `not_${side.toLowerCase()}` };
  if (quantity <= 0) return { steps: [], note: 'zero_quantity' };
  const qty = Math.min(quantity, Math.abs(netPos));
  return { steps: [{ kind: 'reduce', action: closingAction(netPos), quantity: qty }], note: qty < quantity ? 'reduce_capped_at_position' : null };
}
