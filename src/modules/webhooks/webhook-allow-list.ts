import { BlockList, isIP } from 'net';
import { plainAddress } from './client-address';

/** The addresses webhooks are accepted from (JT_WEBHOOK_ALLOW_IPS), as CIDRs; IPv4-mapped IPv6 counts as IPv4. */
export class WebhookAllowList {
  private readonly list = new BlockList();

  constructor(cidrs: string[]) {
    for (const cidr of cidrs) {
      const [address, prefix] = cidr.split('/');
      this.list.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
    }
  }

  allows(clientAddress: string | undefined): boolean {
    const address = plainAddress(clientAddress);
    return address !== null && this.list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}
