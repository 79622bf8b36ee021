import { TradovateRequestError } from './tradovate-errors';
import { TvContract } from './tradovate-wire';

export type ApiCall = <T>(path: string, call?: { method?: 'GET' | 'POST'; query?: Record<string, string | number>; body?: Record<string, unknown> }) => Promise<T>;

/**
 * Contract name <-> id, cached for the life of the connection (the `get_contract_id` of the
 * original system): `contract/find?name=` once per name, `contract/item?id=` once per id.
 * Events carry only contractId; orders take the name.
 */
export class TradovateContracts {
  private readonly byName = new Map<string, number>();
  private readonly byId = new Map<number, string>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly api: ApiCall) {}

  remember(contract: Pick<TvContract, 'id' | 'name'> | null | undefined): void {
    if (!contract || typeof contract.id !== 'number' || typeof contract.name !== 'string') return;
    this.byName.set(contract.name.toUpperCase(), contract.id);
    this.byId.set(contract.id, contract.name);
  }

  knownName(id: number): string | null {
    return this.byId.get(id) ?? null;
  }

  async idOf(name: string): Promise<number> {
    const key = name.toUpperCase();
    const cached = this.byName.get(key);
    if (cached !== undefined) return cached;
    const found = await this.once(`n:${key}`, () => this.api<TvContract | null>('contract/find', { method: 'GET', query: { name: key } }));
    if (!found || typeof (found as TvContract).id !== 'number') {
      throw new TradovateRequestError(`Tradovate does not know the contract ${key}; check the symbol (contract names are like MNQZ6)`);
    }
    this.remember(found as TvContract);
    return (found as TvContract).id;
  }

  async nameOf(id: number): Promise<string> {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const found = await this.once(`i:${id}`, () => this.api<TvContract | null>('contract/item', { method: 'GET', query: { id } }));
    if (!found || typeof (found as TvContract).name !== 'string') throw new TradovateRequestError(`Tradovate has no contract with id ${id}`);
    this.remember(found as TvContract);
    return (found as TvContract).name;
  }

  private once<T>(key: string, work: () => Promise<T>): Promise<T> {
    let p = this.inFlight.get(key) as Promise<T> | undefined;
    if (!p) {
      p = work().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }
}
