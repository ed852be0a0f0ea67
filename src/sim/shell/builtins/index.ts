/** The table of builtin commands every shell starts with. */
import type { CommandEntry } from '../exec/context';
import { awkCommands } from './awk/index';
import { controlCommands } from './control';
import { cutCommands } from './cut';
import { echoCommands } from './echo';
import { fileCommands } from './files';
import { grepCommands } from './grep';
import { headTailCommands } from './headtail';
import { infoCommands } from './info';
import { lsCommands } from './ls';
import { miscCommands } from './misc';
import { sedCommands } from './sed';
import { shCommands } from './sh';
import { shellVarCommands } from './shellvars';
import { sortCommands } from './sort';
import { trCommands } from './tr';
import { uniqCommands } from './uniq';
import { wcCommands } from './wc';

export function builtinTable(): Map<string, CommandEntry> {
  const all: Record<string, CommandEntry>[] = [
    echoCommands, controlCommands, shellVarCommands, infoCommands, miscCommands, shCommands,
    fileCommands, lsCommands, grepCommands, headTailCommands, wcCommands, sortCommands, uniqCommands,
    cutCommands, trCommands, sedCommands, awkCommands,
  ];
  const m = new Map<string, CommandEntry>();
  for (const group of all) for (const [name, e] of Object.entries(group)) m.set(name, e);
  return m;
}
