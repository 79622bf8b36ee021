import { addressGroup, plainAddress } from './client-address';

describe('client addresses', () => {
  it('IPv4-mapped IPv6 is the IPv4 address; garbage is no address', () => {
    expect(plainAddress('::ffff:52.89.214.238')).toBe('52.89.214.238');
    expect(plainAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(plainAddress('not an ip')).toBeNull();
    expect(plainAddress(undefined)).toBeNull();
  });

  it('per-address limits count an IPv4 address, or an IPv6 /64 however it is written', () => {
    expect(addressGroup('198.51.100.7')).toBe('198.51.100.7');
    expect(addressGroup('::ffff:198.51.100.7')).toBe('198.51.100.7');
    const sameHost = ['2001:db8:aa:bb::1', '2001:0db8:00aa:00bb:ffff:1:2:3', '2001:db8:aa:bb:1::'].map(addressGroup);
    expect(new Set(sameHost)).toEqual(new Set(['2001:db8:aa:bb::/64']));
    expect(addressGroup('2001:db8:aa:bc::1')).toBe('2001:db8:aa:bc::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup(undefined)).toBe('unknown');
  });
});
