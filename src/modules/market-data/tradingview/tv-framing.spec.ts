import { decodeFrame, encodePacket } from './tv-framing';

describe('TradingView framing', () => {
  it('frames a message with its length in characters', () => {
    expect(encodePacket({ m: 'quote_create_session', p: ['qs_1'] })).toBe('~m~41~m~{"m":"quote_create_session","p":["qs_1"]}');
    expect(encodePacket('~h~7')).toBe('~m~4~m~~h~7');
  });

  it('splits one frame holding the hello, a heartbeat and two quote updates', () => {
    const frame = [
      encodePacket('{"session_id":"<0.1>_x","timestamp":1}'),
      encodePacket('~h~12'),
      encodePacket({ m: 'qsd', p: ['qs_1', { n: 'CME_MINI:MNQ1!', s: 'ok', v: { lp: 21000.25 } }] }),
      encodePacket({ m: 'qsd', p: ['qs_1', { n: 'CME_MINI:ES1!', s: 'ok', v: { lp: 6000 } }] }),
    ].join('');
    expect(decodeFrame(frame)).toEqual([
      { kind: 'hello', body: { session_id: '<0.1>_x', timestamp: 1 } },
      { kind: 'heartbeat', payload: '~h~12' },
      { kind: 'message', method: 'qsd', params: ['qs_1', { n: 'CME_MINI:MNQ1!', s: 'ok', v: { lp: 21000.25 } }] },
      { kind: 'message', method: 'qsd', params: ['qs_1', { n: 'CME_MINI:ES1!', s: 'ok', v: { lp: 6000 } }] },
    ]);
  });

  it('counts a payload with "~m~" inside it by its length, not by the marker', () => {
    const tricky = encodePacket({ m: 'qsd', p: ['qs_1', { n: 'A~m~5~m~B', s: 'ok', v: {} }] });
    expect(decodeFrame(tricky + encodePacket('~h~1'))).toHaveLength(2);
  });

  it('refuses a frame cut short or without the marker', () => {
    expect(() => decodeFrame('~m~50~m~{"m":"qsd"}')).toThrow('cut short');
    expect(() => decodeFrame('{"m":"qsd"}')).toThrow('not a TradingView frame');
  });
});
