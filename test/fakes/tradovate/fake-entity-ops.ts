import { MASTER_FIELD } from './fake-entity-store';
import type { WireReply } from './fake-wire-types';
import { failure, ok } from './fake-wire-types';

/**
 * The generic entity operations every entity answers (reference §6.1): list, item, items, find,
 * deps, ldeps, suggest. `visible` is what the caller may see of that type.
 */
export type EntityOp = 'list' | 'item' | 'items' | 'find' | 'deps' | 'ldeps' | 'suggest';
export const ENTITY_OPS: readonly string[] = ['list', 'item', 'items', 'find', 'deps', 'ldeps', 'suggest'];

/** Query params, with the JSON body's fields as a fallback (methods are relaxed, §2.2). */
export type Params = Record<string, unknown>;

export function entityOp(type: string, op: EntityOp, visible: object[], params: Params): WireReply {
  const rows = visible as Record<string, unknown>[];
  switch (op) {
    case 'list':
      return ok(rows);
    case 'item': {
      const found = rows.find((r) => r.id === Number(params.id));
      return found ? ok(found) : failure(404, 'Not found');
    }
    case 'items': {
      const ids = idList(params.ids);
      return ok(rows.filter((r) => ids.includes(r.id as number)));
    }
    case 'find': {
      const name = String(params.name ?? '').toUpperCase();
      const found = rows.find((r) => typeof r.name === 'string' && r.name.toUpperCase() === name);
      return found ? ok(found) : failure(404, 'Not found');
    }
    case 'deps':
    case 'ldeps': {
      const field = MASTER_FIELD[type];
      if (!field) return ok([]);
      const masters = op === 'deps' ? [Number(params.masterid)] : idList(params.masterids);
      return ok(rows.filter((r) => masters.includes(r[field] as number)));
    }
    case 'suggest': {
      const text = String(params.t ?? '').toUpperCase();
      const limit = Number(params.l ?? 10) || 10;
      return ok(rows.filter((r) => typeof r.name === 'string' && r.name.toUpperCase().startsWith(text)).slice(0, limit));
    }
  }
}

function idList(value: unknown): number[] {
  if (Array.isArray(value)) return value.map(Number);
  return String(value ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number);
}
