/**
 * nslookup of busybox 1.28 and older (networking/nslookup.c before the 1.29 rewrite), the one the
 * classic `kubectl run -it --image=busybox:1.28 -- nslookup kubernetes.default` shows: the server and
 * each address with its reverse name, `printf("%-10s %s\n", header, host)` and `Address N: IP NAME`,
 * names resolved by libc (getaddrinfo over /etc/hosts and the search list); a failure is
 * `nslookup: can't resolve 'HOST'` on stderr.
 */
import type { CommandContext } from '../shell/types';
import type { ToolEnv } from './tools';
import { parseResolv, resolveName } from './tools';

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** The reverse (PTR) name of an address, as getnameinfo finds it; undefined when there is none. */
function reverseName(env: ToolEnv, servers: string[], ip: string): string | undefined {
  const q = `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  for (const s of servers) {
    const a = env.net.dns(env.origin, s, q, 'PTR');
    if (a === 'timeout') continue;
    const ptr = a.answers.find((x) => x.type === 'PTR');
    return ptr ? ptr.data.replace(/\.$/, '') : undefined;
  }
  return undefined;
}

const header = (h: string, host: string) => `${h.padEnd(10)} ${host}\n`;

export async function nslookupBusybox128(env: ToolEnv, argv: string[], ctx: CommandContext): Promise<number> {
  const [name, serverArg] = argv.slice(1).filter((a) => !a.startsWith('-'));
  const servers = serverArg ? [serverArg] : parseResolv(ctx.fs.tryReadFile('/etc/resolv.conf')).nameservers;
  const server = servers[0] ?? '127.0.0.1';
  const serverName = reverseName(env, servers, server);
  ctx.stdout(`${header('Server:', server)}Address 1: ${server}${serverName ? ` ${serverName}` : ''}\n\n`);
  const r = IPV4.test(name) ? { ip: name, fqdn: name } : resolveName(env, ctx, name);
  if ('error' in r) {
    if (r.error === 'timeout') await ctx.sleep(r.ms);
    ctx.stderr(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  const rev = reverseName(env, servers, r.ip);
  ctx.stdout(`${header('Name:', name)}Address 1: ${r.ip}${rev ? ` ${rev}` : ''}\n`);
  return 0;
}
