import { newId } from '../../core/ids';
import { Signal, SignalStatus } from './entities/signal.entity';

/** A signal as it arrived, before anything was read from it: the webhook fills the rest. */
export function newSignal(recorderId: string, rawBody: string, contentType: string | null, receivedAt: string, status: SignalStatus = 'accepted', reason: string | null = null): Signal {
  return Object.assign(new Signal(), {
    id: newId(),
    recorderId,
    status,
    reason,
    rawBody,
    contentType,
    receivedAt,
    dialect: null,
    parsed: null,
    action: null,
    symbol: null,
    contract: null,
    quantity: null,
    price: null,
    dedupeKey: null,
    duplicateOf: null,
    firedAt: null,
  } satisfies Partial<Signal>);
}
