import { SignalQueryDto } from '../dto/signal-query.dto';
import { SignalSummary } from '../signals/insider-signals.service';

const SORTS = ['score', 'date', 'ticker', 'value'] as const;

/** Turns signals and the current filters into what views/insider.hbs shows (no logic in the template). */
export function signalTable(rows: SignalSummary[], q: SignalQueryDto) {
  const sort = q.sort ?? 'date';
  const dir = q.dir ?? 'desc';
  const base = { form: q.form, minScore: q.minScore, watchlist: q.watchlist ? 'true' : undefined, purchases: q.purchases ? 'true' : undefined, ticker: q.ticker };
  const headers = Object.fromEntries(
    SORTS.map((s) => {
      const active = s === sort;
      const nextDir = active && dir === 'desc' ? 'asc' : 'desc';
      return [s, { href: `/insider?${qs({ ...base, sort: s, dir: nextDir })}`, mark: active ? (dir === 'desc' ? '▼' : '▲') : '' }];
    }),
  );
  return {
    headers,
    filters: {
      forms: ['', '4', '4/A', '3', '5', '13D', '13G'].map((f) => ({ value: f, label: f || 'all forms', selected: (q.form ?? '') === f })),
      minScore: q.minScore ?? '',
      watchlist: Boolean(q.watchlist),
      purchases: Boolean(q.purchases),
      ticker: q.ticker ?? '',
      sort,
      dir,
    },
    rows: rows.map((r) => ({
      ...r,
      filed: r.filedAt.replace('T', ' ').slice(0, 16),
      scoreClass: scoreClass(r.score),
      kindLabel: { buy: 'purchase', sale: 'sale', stake: 'stake', none: '—' }[r.kind] ?? r.kind,
      value: r.valueUsd ? usd(r.valueUsd) : '—',
    })),
  };
}

export function scoreClass(score: number): string {
  return score >= 70 ? 'high' : score >= 40 ? 'mid' : 'low';
}

/** "252000.00" -> "$252,000" (display only; the stored value stays exact). */
export function usd(value: string): string {
  const [whole, cents = '00'] = value.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value.startsWith('-') ? '-' : ''}$${grouped}${cents === '00' ? '' : `.${cents.padEnd(2, '0').slice(0, 2)}`}`;
}

function qs(params: Record<string, string | number | undefined>): string {
  return Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
}
