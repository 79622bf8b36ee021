import { decodeFrame, encodeRequest } from './tradovate-frames';
import { propsItems } from './tradovate-entity-store';

describe('Tradovate socket framing (reference §4.1, §4.2, §9)', () => {
  it('decodes o, h, a[...] with several messages, and c[code,reason]', () => {
    expect(decodeFrame('o')).toEqual({ type: 'open' });
    expect(decodeFrame('h')).toEqual({ type: 'heartbeat' });
    expect(decodeFrame('a[{"s":200,"i":23,"d":{"id":65543,"name":"CLZ6","contractMaturityId":6727}},{"e":"props","d":{"entityType":"order"}}]')).toEqual({
      type: 'messages',
      messages: [{ s: 200, i: 23, d: { id: 65543, name: 'CLZ6', contractMaturityId: 6727 } }, { e: 'props', d: { entityType: 'order' } }],
    });
    expect(decodeFrame('c[3000,"Go away!"]')).toEqual({ type: 'close', code: 3000, reason: 'Go away!' });
    expect(decodeFrame('a["{\\"s\\":200,\\"i\\":2}"]')).toEqual({ type: 'messages', messages: [{ s: 200, i: 2 }] });
    expect(decodeFrame('x?')).toEqual({ type: 'unknown', raw: 'x?' });
  });

  it('encodes four lines: endpoint, id, query, body; authorize carries the raw token', () => {
    expect(encodeRequest('authorize', 0, undefined, 'TOKEN')).toBe('authorize\n0\n\nTOKEN');
    expect(encodeRequest('/contract/find', 3, { name: 'ESZ5' })).toBe('contract/find\n3\nname=ESZ5\n');
    expect(encodeRequest('user/syncrequest', 4, undefined, { users: [7] })).toBe('user/syncrequest\n4\n\n{"users":[7]}');
  });

  it('reads props as one object, entity as an array, and d as an array', () => {
    const entity = { id: 1, accountId: 2, action: 'Buy', ordStatus: 'Working' };
    expect(propsItems({ entityType: 'order', eventType: 'Created', entity })).toHaveLength(1);
    expect(propsItems({ entityType: 'order', eventType: 'Updated', entity: [entity, { ...entity, id: 2 }] })).toHaveLength(2);
    expect(propsItems([{ entityType: 'order', eventType: 'Created', entity }, { entityType: 'fill', eventType: 'Created', entity: { id: 9 } }]).map((p) => p.entityType)).toEqual(['order', 'fill']);
  });
});
