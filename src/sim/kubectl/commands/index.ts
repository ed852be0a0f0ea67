/** Every kubectl subcommand the simulated kubectl knows, in `kubectl --help` order. */
import type { CommandDef } from '../command';
import { getCommand } from './get';
import { describeCommand } from './describe';
import { runCommand } from './run';
import { createCommand } from './create';
import { scaleCommand } from './scale';
import { deleteCommand } from './delete';
import { applyCommand } from './apply';
import { logsCommand } from './logs';
import { execCommand } from './exec';
import { labelCommand, annotateCommand } from './label';
import { patchCommand } from './patch';
import { rolloutCommand } from './rollout';
import { setCommand } from './set';
import { waitCommand } from './wait';
import { cordonCommand, uncordonCommand, drainCommand, taintCommand } from './node';
import { exposeCommand } from './expose';
import { replaceCommand } from './replace';
import { configCommand } from './config';
import { authCommand } from './auth';
import { topCommand } from './top';
import { explainCommand } from './explain';
import { versionCommand, apiResourcesCommand, apiVersionsCommand, clusterInfoCommand } from './info';

export const COMMANDS: CommandDef[] = [
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  getCommand,
  explainCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  waitCommand,
  describeCommand,
  logsCommand,
  execCommand,
  applyCommand,
  replaceCommand,
  patchCommand,
  labelCommand,
  annotateCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  clusterInfoCommand,
  topCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  authCommand,
  versionCommand,
  configCommand,
];
