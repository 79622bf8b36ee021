/**
 * The exit state machine of one (account, contract): states and the only moves allowed between
 * them. A move not in the table is a bug and throws.
 */
export type ExitState = 'IDLE' | 'PREPARE_EXIT' | 'WORKING_EXIT' | 'CONFIRM_FLAT';

export const EXIT_TRANSITIONS: Readonly<Record<ExitState, readonly ExitState[]>> = {
  IDLE: ['PREPARE_EXIT'],
  // back to IDLE: already flat, wrong side, position unreadable
  PREPARE_EXIT: ['WORKING_EXIT', 'IDLE'],
  // rejected -> IDLE; accepted / filled / no final word yet -> confirm
  WORKING_EXIT: ['CONFIRM_FLAT', 'IDLE'],
  // confirmed or gave up -> IDLE; what is really left -> one corrective order
  CONFIRM_FLAT: ['IDLE', 'WORKING_EXIT'],
};

export class InvalidExitTransition extends Error {
  constructor(from: ExitState, to: ExitState) {
    super(`exit machine cannot move from ${from} to ${to}`);
    this.name = 'InvalidExitTransition';
  }
}

export function assertTransition(from: ExitState, to: ExitState): void {
  if (!EXIT_TRANSITIONS[from].includes(to)) throw new InvalidExitTransition(from, to);
}
