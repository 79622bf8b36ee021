import type { Env, VenueEntities, VenueEntityType } from './fake-wire-types';

/** Which field of a dependent entity names its master, for `<entity>/deps?masterid=` (reference §6.1). */
export const MASTER_FIELD: Partial<Record<string, string>> = {
  account: 'userId',
  userPlugin: 'userId',
  cashBalance: 'accountId',
  position: 'accountId',
  order: 'accountId',
  accountRiskStatus: 'id',
  command: 'orderId',
  orderVersion: 'orderId',
  fill: 'orderId',
  commandReport: 'commandId',
  executionReport: 'commandId',
  fillPair: 'positionId',
  contractMaturity: 'productId',
  contract: 'contractMaturityId',
};

/** Id bases per type; live ids sit far from demo ids so a wrong-environment lookup is a 404 (§1). */
const ID_BASE: Record<VenueEntityType, number> = {
  user: 100000,
  account: 2000000,
  accountRiskStatus: 2000000,
  cashBalance: 4000000,
  order: 300000000,
  orderVersion: 310000000,
  command: 310000000,
  commandReport: 320000000,
  executionReport: 330000000,
  fill: 340000000,
  fillPair: 350000000,
  position: 360000000,
  userPlugin: 370000,
};
const LIVE_OFFSET = 50000000;

type Stored = { [K in VenueEntityType]: Map<number, VenueEntities[K]> };

/** All account-side entities of one environment, keyed by int id, always handed out as copies. */
export class FakeEntityStore {
  private readonly maps = {} as Stored;
  private readonly nextIds = {} as Record<VenueEntityType, number>;

  constructor(readonly env: Env) {
    for (const type of Object.keys(ID_BASE) as VenueEntityType[]) {
      (this.maps as Record<string, Map<number, unknown>>)[type] = new Map();
      this.nextIds[type] = ID_BASE[type] + (env === 'live' ? LIVE_OFFSET : 0) + 1;
    }
  }

  newId(type: VenueEntityType): number {
    return this.nextIds[type]++;
  }

  /** Keeps the command and its order version on one id, as the official sample implies (§6.5). */
  reserveSharedId(a: VenueEntityType, b: VenueEntityType): number {
    const id = Math.max(this.nextIds[a], this.nextIds[b]);
    this.nextIds[a] = id + 1;
    this.nextIds[b] = id + 1;
    return id;
  }

  put<K extends VenueEntityType>(type: K, entity: VenueEntities[K]): VenueEntities[K] {
    const stored = { ...entity };
    this.maps[type].set(entity.id, stored);
    return { ...stored };
  }

  get<K extends VenueEntityType>(type: K, id: number): VenueEntities[K] | undefined {
    const found = this.maps[type].get(id);
    return found ? { ...found } : undefined;
  }

  all<K extends VenueEntityType>(type: K): VenueEntities[K][] {
    return [...this.maps[type].values()].map((e) => ({ ...e }));
  }

  has(type: string): type is VenueEntityType {
    return Object.prototype.hasOwnProperty.call(this.maps, type);
  }

  /** The account an entity belongs to, following order -> command -> report links; null if none. */
  accountOf(type: VenueEntityType, entity: object): number | null {
    const e = entity as Record<string, number>;
    switch (type) {
      case 'account':
        return e.id;
      case 'accountRiskStatus':
        return e.id;
      case 'cashBalance':
      case 'position':
      case 'order':
      case 'executionReport':
        return e.accountId;
      case 'orderVersion':
      case 'command':
      case 'fill': {
        const order = this.maps.order.get(e.orderId);
        return order ? order.accountId : null;
      }
      case 'commandReport': {
        const command = this.maps.command.get(e.commandId);
        const order = command ? this.maps.order.get(command.orderId) : undefined;
        return order ? order.accountId : null;
      }
      case 'fillPair': {
        const position = this.maps.position.get(e.positionId);
        return position ? position.accountId : null;
      }
      default:
        return null;
    }
  }
}
