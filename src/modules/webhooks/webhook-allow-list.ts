import { BlockList, isIP } from 'net';

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
    if (!clientAddress) return false;
    const address = clientAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const family = isIP(address);
    if (family === 0) return false;
    return this.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  }
}
