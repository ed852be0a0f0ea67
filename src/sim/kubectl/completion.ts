/** Tab completion for kubectl: subcommands, resource types, object names (like `kubectl completion bash`). */
import type { LocalClient } from '../client/local';
import { COMMANDS } from './commands';
import { KINDS } from '../api/kinds';

const NEEDS_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'patch', 'explain', 'expose', 'wait', 'replace', 'taint']);
/** Commands whose subcommand is followed by TYPE [NAME] (rollout status deploy web, set image deploy/web). */
const SUB_NEEDS_TYPE = new Set(['rollout', 'set']);
const NODE_NAMES = new Set(['cordon', 'uncordon', 'drain']);

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
  if (NODE_NAMES.has(cmd)) return args.length === 1 ? names(client, 'nodes', undefined, cur) : [];
  if (cmd === 'top' && args.length === 2) return args[1] === 'node' ? names(client, 'nodes', undefined, cur) : args[1] === 'pod' ? names(client, 'pods', ns, cur) : [];
  if (cmd === 'config' && args.length === 2 && (args[1] === 'use-context' || args[1] === 'get-contexts' || args[1] === 'set-context')) return ['kubernetes-admin@kubernetes'].filter((n) => n.startsWith(cur));
  if (SUB_NEEDS_TYPE.has(cmd) && args.length >= 2) return typeOrName(client, args.slice(1), cur, ns);
  if (cmd === 'logs' || cmd === 'exec' || cmd === 'attach' || cmd === 'port-forward') {
    if (args.length === 1) return names(client, 'pods', ns, cur);
    return [];
  }
  if (!NEEDS_TYPE.has(cmd)) return [];
  return typeOrName(client, args, cur, ns);
}

/** args[0] is the (sub)command; args[1] the TYPE (or TYPE/NAME being typed); later ones NAMEs. */
function typeOrName(client: LocalClient, args: string[], cur: string, ns: string): string[] {
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

