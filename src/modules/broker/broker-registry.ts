import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Broker } from './broker.port';

interface Binding {
  kind: string;
  accountRef: string;
}

/**
 * Which broker adapter serves which of our accounts, and the way back from a broker's account
 * reference to our account id (the BrokerEventLoop needs it for every socket event).
 */
@Injectable()
export class BrokerRegistry {
  private readonly brokers = new Map<string, Broker>();
  private readonly bindings = new Map<string, Binding>();
  private readonly accountIds = new Map<string, string>();
  private readonly listeners: Array<(kind: string, broker: Broker) => void> = [];
  /** connects an account this process has not bound yet (one added by the CLI while we run) */
  private connector: ((accountId: string) => Promise<boolean>) | null = null;

  registerBroker(broker: Broker): void {
    this.brokers.set(broker.kind, broker);
    this.listeners.forEach((l) => l(broker.kind, broker));
  }

  onBrokerRegistered(listener: (kind: string, broker: Broker) => void): void {
    this.listeners.push(listener);
    this.brokers.forEach((broker, kind) => listener(kind, broker));
  }

  bindAccount(accountId: string, kind: string, accountRef: string): void {
    this.bindings.set(accountId, { kind, accountRef });
    this.accountIds.set(`${kind}:${accountRef}`, accountId);
  }

  unbindAccount(accountId: string): void {
    const binding = this.bindings.get(accountId);
    if (binding) this.accountIds.delete(`${binding.kind}:${binding.accountRef}`);
    this.bindings.delete(accountId);
  }

  accountIdFor(kind: string, accountRef: string): string | null {
    return this.accountIds.get(`${kind}:${accountRef}`) ?? null;
  }

  /** The broker and the broker's account reference for one of our accounts. */
  forAccount(accountId: string): { broker: Broker; accountRef: string } {
    const binding = this.bindings.get(accountId);
    const broker = binding && this.brokers.get(binding.kind);
    if (!binding || !broker) throw new NotFoundException(`account ${accountId} is not connected to a broker`);
    return { broker, accountRef: binding.accountRef };
  }

  setConnector(connector: (accountId: string) => Promise<boolean>): void {
    this.connector = connector;
  }

  /** Like forAccount, but first connects an account created since this process started. */
  async resolve(accountId: string): Promise<{ broker: Broker; accountRef: string }> {
    if (!this.bindings.has(accountId) && this.connector) {
      const exists = await this.connector(accountId);
      if (!exists) throw new NotFoundException(`account ${accountId} not found`);
      // a known account whose broker session is still being set up (a Tradovate login after a start)
      if (!this.bindings.has(accountId)) throw new ServiceUnavailableException(`account ${accountId} is not connected to its broker yet; try again in a few seconds`);
    }
    return this.forAccount(accountId);
  }

  boundAccountIds(): string[] {
    return [...this.bindings.keys()];
  }
}
