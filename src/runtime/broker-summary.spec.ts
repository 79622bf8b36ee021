import { brokerSummary } from './broker-summary';

describe('start-up broker summary', () => {
  it('names the paper broker when no Tradovate account exists', () => {
    expect(brokerSummary([{ broker: 'paper', environment: null }])).toBe('brokers: paper (in-process)');
  });

  it('counts Tradovate accounts per environment', () => {
    const accounts = [
      { broker: 'tradovate', environment: 'demo' },
      { broker: 'paper', environment: null },
      { broker: 'tradovate', environment: 'live' },
      { broker: 'tradovate', environment: 'demo' },
    ] as const;
    expect(brokerSummary(accounts)).toBe('brokers: paper (in-process), tradovate demo: 2 accounts, tradovate live: 1 account');
  });
});
