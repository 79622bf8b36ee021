import type { ContractEntity, ContractMaturityEntity, ProductEntity } from './fake-wire-types';

/**
 * Market reference data shared by demo, live and the market-data socket: products, maturities and
 * contracts. Contract ids are global because market-data events carry only `contractId`.
 * Values from reference §6.7 (NQ id 814 is the one official id; the other ids are the fake's own).
 */
export interface ProductSeed {
  id: number;
  name: string;
  description: string;
  tickSize: number;
  valuePerPoint: number;
  months: string;
  isMicro?: boolean;
  /** fake-only: initial margin per contract used by the cash balance snapshot */
  initialMargin?: number;
}

const MONTH_CODES = 'FGHJKMNQUVXZ';

export const DEFAULT_PRODUCTS: readonly ProductSeed[] = [
  { id: 814, name: 'NQ', description: 'E-Mini NASDAQ 100', tickSize: 0.25, valuePerPoint: 20, months: 'HMUZ', initialMargin: 2000 },
  { id: 2701, name: 'ES', description: 'E-Mini S&P 500', tickSize: 0.25, valuePerPoint: 50, months: 'HMUZ', initialMargin: 1500 },
  { id: 2702, name: 'MNQ', description: 'Micro E-Mini NASDAQ 100', tickSize: 0.25, valuePerPoint: 2, months: 'HMUZ', isMicro: true, initialMargin: 200 },
  { id: 2703, name: 'MES', description: 'Micro E-Mini S&P 500', tickSize: 0.25, valuePerPoint: 5, months: 'HMUZ', isMicro: true, initialMargin: 150 },
  { id: 2704, name: 'CL', description: 'Crude Oil', tickSize: 0.01, valuePerPoint: 1000, months: MONTH_CODES, initialMargin: 1000 },
  { id: 2705, name: 'GC', description: 'Gold', tickSize: 0.1, valuePerPoint: 100, months: 'GJMQVZ', initialMargin: 1500 },
];

export interface ContractInfo {
  contract: ContractEntity;
  maturity: ContractMaturityEntity;
  product: ProductEntity;
  seed: ProductSeed;
}

export class FakeCatalog {
  readonly products = new Map<number, ProductEntity>();
  readonly maturities = new Map<number, ContractMaturityEntity>();
  readonly contracts = new Map<number, ContractEntity>();
  private readonly seeds = new Map<number, ProductSeed>();
  private nextMaturityId = 50001;
  private nextContractId = 3000001;

  /** Lists every listed month from 6 months before `now` to 30 months after it. */
  constructor(products: readonly ProductSeed[], now: Date) {
    for (const seed of products) this.addProduct(seed, now);
  }

  addProduct(seed: ProductSeed, now: Date): void {
    this.seeds.set(seed.id, seed);
    this.products.set(seed.id, productEntity(seed));
    const start = now.getUTCFullYear() * 12 + now.getUTCMonth() - 6;
    let frontSet = false;
    for (let m = start; m <= start + 36; m++) {
      const year = Math.floor(m / 12);
      const month = (m % 12) + 1;
      const code = MONTH_CODES[month - 1];
      if (!seed.months.includes(code)) continue;
      const expiration = expirationOf(seed, year, month);
      const isFront = !frontSet && expiration.getTime() > now.getTime();
      if (isFront) frontSet = true;
      this.addContract(seed, `${seed.name}${code}${year % 10}`, year, month, expiration, isFront);
    }
  }

  private addContract(seed: ProductSeed, name: string, year: number, month: number, expiration: Date, isFront: boolean): void {
    const maturity: ContractMaturityEntity = {
      id: this.nextMaturityId++,
      productId: seed.id,
      expirationMonth: year * 100 + month,
      expirationDate: expiration.toISOString(),
      isFront,
      archived: false,
      seqNo: 1,
    };
    this.maturities.set(maturity.id, maturity);
    const contract: ContractEntity = {
      id: this.nextContractId++,
      name,
      contractMaturityId: maturity.id,
      status: 'DefinitionChecked',
      providerTickSize: seed.tickSize,
    };
    this.contracts.set(contract.id, contract);
  }

  contractByName(name: string): ContractEntity | undefined {
    const wanted = name.trim().toUpperCase();
    for (const c of this.contracts.values()) if (c.name === wanted) return c;
    return undefined;
  }

  /** `symbol` as the reference allows it: a contract name or a contract id (§5.1). */
  resolveSymbol(symbol: unknown): ContractEntity | undefined {
    if (typeof symbol === 'number') return this.contracts.get(symbol);
    if (typeof symbol !== 'string') return undefined;
    if (/^\d+$/.test(symbol.trim())) return this.contracts.get(Number(symbol));
    return this.contractByName(symbol);
  }

  info(contractId: number): ContractInfo | undefined {
    const contract = this.contracts.get(contractId);
    if (!contract) return undefined;
    const maturity = this.maturities.get(contract.contractMaturityId) as ContractMaturityEntity;
    const product = this.products.get(maturity.productId) as ProductEntity;
    return { contract, maturity, product, seed: this.seeds.get(product.id) as ProductSeed };
  }

  productByName(name: string): ProductEntity | undefined {
    const wanted = name.trim().toUpperCase();
    for (const p of this.products.values()) if (p.name === wanted) return p;
    return undefined;
  }

  /** Unexpired contracts whose name starts with `text`, nearest expiry first (front month first). */
  suggestContracts(text: string, limit: number, now: Date): ContractEntity[] {
    const wanted = text.trim().toUpperCase();
    return [...this.contracts.values()]
      .map((c) => ({ c, m: this.maturities.get(c.contractMaturityId) as ContractMaturityEntity }))
      .filter(({ c, m }) => c.name.startsWith(wanted) && Date.parse(m.expirationDate) > now.getTime())
      .sort((a, b) => Date.parse(a.m.expirationDate) - Date.parse(b.m.expirationDate))
      .slice(0, limit)
      .map(({ c }) => c);
  }
}

function productEntity(seed: ProductSeed): ProductEntity {
  return {
    id: seed.id,
    name: seed.name,
    currencyId: 1,
    productType: 'Futures',
    description: seed.description,
    exchangeId: 1,
    contractGroupId: 1,
    riskDiscountContractGroupId: 1,
    status: 'Verified',
    months: seed.months,
    isSecured: false,
    valuePerPoint: seed.valuePerPoint,
    priceFormatType: 'Decimal',
    priceFormat: -decimalsOf(seed.tickSize),
    tickSize: seed.tickSize,
    isMicro: seed.isMicro ?? false,
  };
}

function decimalsOf(step: number): number {
  const text = String(step);
  return text.includes('.') ? text.split('.')[1].length : 0;
}

/** Equity-index style third Friday for quarterlies; a rough prior-month date for the rest (fake only). */
function expirationOf(seed: ProductSeed, year: number, month: number): Date {
  if (seed.months === 'HMUZ') {
    const first = new Date(Date.UTC(year, month - 1, 1, 13, 30));
    const toFriday = (5 - first.getUTCDay() + 7) % 7;
    return new Date(Date.UTC(year, month - 1, 1 + toFriday + 14, 13, 30));
  }
  return new Date(Date.UTC(year, month - 2, 20, 18, 30));
}
