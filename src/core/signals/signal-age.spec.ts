import { signalAge, staleReason } from './signal-age';

const RECEIVED = '2026-11-30T15:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(RECEIVED) + offsetMs);

describe('signal age (JT_SIGNAL_MAX_AGE_SEC = 30)', () => {
  it('counts from arrival when the alert has no fire time; 30 s is still fresh, 30.001 s is stale', () => {
    expect(signalAge({ firedAt: null, receivedAt: RECEIVED }, at(30_000), 30)).toEqual({ ageMs: 30_000, stale: false, basis: 'counted from its arrival' });
    expect(signalAge({ firedAt: null, receivedAt: RECEIVED }, at(30_001), 30).stale).toBe(true);
  });

  it('counts from the fire time when it has one: an alert delivered 25 s late is 45 s old 20 s after arrival', () => {
    const age = signalAge({ firedAt: at(-25_000).toISOString(), receivedAt: RECEIVED }, at(20_000), 30);
    expect(age).toEqual({ ageMs: 45_000, stale: true, basis: 'counted from its fire time' });
    expect(staleReason(age, 'when the server restarted', 30)).toBe('stale: 45 s old (counted from its fire time) when the server restarted (limit 30 s); not traded');
  });

  it('a fire time more than 5 s in the future (a skewed sender clock) counts from arrival; within 5 s it is believed', () => {
    expect(signalAge({ firedAt: at(90_000).toISOString(), receivedAt: RECEIVED }, at(10_000), 30)).toMatchObject({ ageMs: 10_000, basis: 'counted from its arrival' });
    expect(signalAge({ firedAt: at(4_000).toISOString(), receivedAt: RECEIVED }, at(10_000), 30)).toMatchObject({ ageMs: 6_000, basis: 'counted from its fire time' });
  });

  it('an unreadable fire time counts from arrival', () => {
    expect(signalAge({ firedAt: 'not a time', receivedAt: RECEIVED }, at(1_000), 30)).toMatchObject({ ageMs: 1_000, basis: 'counted from its arrival' });
  });
});
