/** Tab completion for kubectl: subcommands, resource types, object names (like `kubectl completion bash`). */
import type { LocalClient } from '../client/local';
import { COMMANDS } from './commands';
import { KINDS } from '../api/kinds';

const NEEDS_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'rollout', 'patch', 'explain']);

/** words: the command line split into words before the cursor (words[0] = 'kubectl'); cur: the partial word. */
export function completeKubectl(client: LocalClient, words: string[], cur: string): string[] {
  const args = words.slice(1).filter((w) => !w.startsWith('-'));
  const nsIdx = words.findIndex((w) => w === '-n' || w === '--namespace');
  const prev = words[words.length - 1];
  if (prev === '-n' || prev === '--namespace') return names(client, 'namespaces', undefined, cur);
  if (prev === '-o' || prev === '--output') return ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'custom-columns='].filter((x) => x.startsWith(cur));
  const ns = nsIdx >= 0 ? words[nsIdx + 1] : 'default';
  if (args.length === 0) return COMMANDS.map((c) => c.name).filter((n) => n.startsWith(cur)).sort();
  const cmd = args[0];
  const def = COMMANDS.find((c) => c.name === cmd);
  if (def?.sub?.length && args.length === 1) return def.sub.map((s) => s.name).filter((n) => n.startsWith(cur));
  if (cmd === 'logs' || cmd === 'exec' || cmd === 'attach' || cmd === 'port-forward') {
    if (args.length === 1) return names(client, 'pods', ns, cur);
    return [];
  }
  if (!NEEDS_TYPE.has(cmd)) return [];
  if (args.length === 1) {
    if (cur.includes('/')) {
      const [type, partial] = [cur.slice(0, cur.indexOf('/')), cur.slice(cur.indexOf('/') + 1)];
      const k = KINDS.find((x) => x.resource === type || x.singular === type || x.shortNames.includes(type));
      return k ? names(client, k.resource, ns, partial).map((n) => `${type}/${n}`) : [];
    }
    return KINDS.map((k) => k.resource).filter((r) => r.startsWith(cur)).sort();
  }
  const type = args[1];
  const k = KINDS.find((x) => x.resource === type || x.singular === type || x.shortNames.includes(type));
  return k ? names(client, k.resource, ns, cur) : [];
}

function names(client: LocalClient, resource: string, ns: string | undefined, cur: string): string[] {
  const k = KINDS.find((x) => x.resource === resource);
  if (!k) return [];
  try {
    return client.list(resource, k.namespaced ? ns : undefined).items.map((o) => o.metadata.name!).filter((n) => n.startsWith(cur)).sort();
  } catch {
    return [];
  }
}

