/**
 * kubectl create token SERVICE_ACCOUNT_NAME (staging/src/k8s.io/kubectl/pkg/cmd/create/create_token.go):
 * POST serviceaccounts/<name>/token with a TokenRequest and print status.token (or the object with -o).
 */
import type { CommandDef } from '../command';
import { arr, str } from '../command';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { CmdError } from '../errors';
import { parseOutput, printObjects } from '../output';
import { parseGoDuration } from './wait';

const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

export const createTokenCommand: CommandDef = {
  name: 'token',
  short: 'Request a service account token',
  flags: [
    { name: 'audience', type: 'stringArray' },
    { name: 'bound-object-kind', type: 'string', default: '' },
    { name: 'bound-object-name', type: 'string', default: '' },
    { name: 'bound-object-uid', type: 'string', default: '' },
    { name: 'duration', type: 'string', default: '0s' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
  ],
  run(ctx) {
    if (ctx.args.length !== 1) throw new CmdError(`exactly one NAME is required, got ${ctx.args.length}\nSee 'kubectl create token -h' for help and examples`);
    const name = ctx.args[0];
    const durationMs = parseGoDuration(str(ctx.flags.duration) || '0s');
    if (durationMs < 0) throw new CmdError('--duration must be greater than or equal to 0');
    if (durationMs % 1000 !== 0) throw new CmdError('--duration cannot be expressed in units less than seconds');
    const audiences = arr(ctx.flags.audience);
    if (audiences.some((a) => !a)) throw new CmdError('--audience must not be an empty string');
    const kind = str(ctx.flags['bound-object-kind']);
    const boundName = str(ctx.flags['bound-object-name']);
    const boundUID = str(ctx.flags['bound-object-uid']);
    if (!kind) {
      if (boundName) throw new CmdError('--bound-object-name can only be set if --bound-object-kind is provided');
      if (boundUID) throw new CmdError('--bound-object-uid can only be set if --bound-object-kind is provided');
    } else {
      if (!BOUND_KINDS[kind]) throw new CmdError(`supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).join(', ')}`);
      if (!boundName) throw new CmdError('--bound-object-name is required if --bound-object-kind is provided');
    }
    const spec: Obj['spec'] = { audiences: audiences.length ? audiences : null, boundObjectRef: kind ? { kind, apiVersion: BOUND_KINDS[kind], name: boundName, ...(boundUID ? { uid: boundUID } : {}) } : null };
    if (durationMs > 0) spec.expirationSeconds = durationMs / 1000;
    let res: Obj;
    try {
      res = ctx.env.client.request({
        method: 'POST',
        path: `/api/v1/namespaces/${encodeURIComponent(ctx.namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`,
        body: { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { token: '', expirationTimestamp: null } },
        contentType: 'application/json',
      }).body as Obj;
    } catch (e) {
      if (e instanceof ApiError) throw new CmdError(`failed to create token: ${e.message}`);
      throw e;
    }
    if (!res.status?.token) throw new CmdError('failed to create token: no token in server response');
    const o = str(ctx.flags.output);
    if (o) ctx.env.stdout(printObjects(parseOutput(o, ctx.env.readFile), [res], true, () => 'tokenrequest.authentication.k8s.io'));
    else ctx.env.stdout(`${res.status.token}\n`);
    return 0;
  },
};
