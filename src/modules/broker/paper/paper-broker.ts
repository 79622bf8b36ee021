import type { Observable } from 'rxjs';
import {
  Broker,
  BrokerEvent,
  BrokerOrder,
  BrokerPosition,
  BrokerReadError,
  CommandResult,
  PlaceOrderRequest,
  PlaceOrderResult,
} from '../broker.port';
import type { PaperExchange } from './paper-exchange';

/** The paper exchange behind the Broker port, so the engine trades paper and live through the same code. */
export class PaperBroker implements Broker {
  readonly kind = 'paper';
  readonly events$: Observable<BrokerEvent>;

  constructor(private readonly exchange: PaperExchange) {
    this.events$ = exchange.events$;
  }

  async placeOrder(req: PlaceOrderRequest): Promise<PlaceOrderResult> {
    return this.exchange.placeOrder(req);
  }

  async cancelOrder(accountRef: string, brokerOrderId: string): Promise<CommandResult> {
    return this.exchange.cancelOrder(accountRef, brokerOrderId);
  }

  async liquidatePosition(accountRef: string, contract: string, clOrdId: string): Promise<PlaceOrderResult> {
    return this.exchange.liquidate(accountRef, contract, clOrdId);
  }

  async getPosition(accountRef: string, contract: string): Promise<BrokerPosition> {
    return this.exchange.getPosition(accountRef, contract) ?? unreadable(accountRef);
  }

  async listPositions(accountRef: string): Promise<BrokerPosition[]> {
    return this.exchange.listPositions(accountRef) ?? unreadable(accountRef);
  }

  async listOrders(accountRef: string): Promise<BrokerOrder[]> {
    return this.exchange.listOrders(accountRef) ?? unreadable(accountRef);
  }
}

function unreadable(accountRef: string): never {
  throw new BrokerReadError(
    `Paper account ${accountRef} does not exist, so its positions and orders cannot be read. ` +
      'Add the account to the paper broker first.',
  );
}
