import { LatestPerKeyThrottle } from './pnl-throttle';

describe('LatestPerKeyThrottle (pnl_update to browsers)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first update of a card at once, then only the latest once per interval; cards do not hold each other back', () => {
    const sent: string[] = [];
    const throttle = new LatestPerKeyThrottle<string>(250, (v) => sent.push(v));
    throttle.push('account-1', 'a1');
    throttle.push('account-1', 'a2');
    throttle.push('account-1', 'a3');
    throttle.push('recorder-1', 'r1');
    expect(sent).toEqual(['a1', 'r1']);
    jest.advanceTimersByTime(250);
    expect(sent).toEqual(['a1', 'r1', 'a3']);
    jest.advanceTimersByTime(250);
    expect(sent).toEqual(['a1', 'r1', 'a3']);
    jest.advanceTimersByTime(250);
    throttle.push('account-1', 'a4');
    expect(sent).toEqual(['a1', 'r1', 'a3', 'a4']);
    throttle.stop();
  });
});
