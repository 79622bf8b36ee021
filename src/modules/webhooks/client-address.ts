import { isIP } from 'net';

/** req.ip as a plain address: an IPv4-mapped IPv6 address (::ffff:1.2.3.4) is its IPv4 address. */
export function plainAddress(clientAddress: string | undefined): string | null {
  if (!clientAddress) return null;
  const address = clientAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(address) === 0 ? null : address;
}

/**
 * Who a per-address limit counts: the IPv4 address, or the IPv6 /64 (one host usually holds a
 * whole /64, so counting single IPv6 addresses would let it rotate past the limit).
 */
export function addressGroup(clientAddress: string | undefined): string {
  const address = plainAddress(clientAddress);
  if (address === null) return 'unknown';
  if (isIP(address) === 4) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
