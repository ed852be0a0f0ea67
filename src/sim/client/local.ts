/** A Client that calls the in-process apiserver through its REST handler (never etcd). */
import { ApiError, type Status } from '../core/errors';
import { kindByResource } from '../api/kinds';
import { collectionPath, itemPath } from '../apiserver/paths';
import type { ApiServer } from '../apiserver/server';
import type { ApiRequest, ApiResponse } from '../apiserver/types';
import type { Client, DeleteOptions, ListOptions, Obj, ObjList, PatchType, WatchEvent } from './types';
import { podExec, podExecSession } from '../apiserver/exec';
import type { ExecIO, ExecSession } from './exec-types';

const PATCH_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

export class ConnectionRefused extends Error {
  constructor(readonly server = '172.30.1.2:6443') {
    super(`The connection to the server ${server} was refused - did you specify the right host or port?`);
  }
}

export class LocalClient implements Client {
  constructor(
    readonly api: ApiServer,
    readonly agent: string,
  ) {}

  /** Send a raw request; throws ApiError for error statuses. */
  request(req: Omit<ApiRequest, 'agent'>): ApiResponse {
    if (!this.api.up) throw new ConnectionRefused();
    const res = this.api.handle({ ...req, agent: this.agent });
    if (res.code >= 400) {
      const st = res.body as Status;
      throw st && st.kind === 'Status' ? ApiError.fromStatus(st) : new ApiError(res.code, 'InternalError', String(res.body));
    }
    return res;
  }

  private ki(resource: string) {
    const ki = kindByResource(resource);
    if (!ki) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    return ki;
  }

  get(resource: string, ns: string | undefined, name: string, subresource?: string): Obj {
    return this.request({ method: 'GET', path: itemPath(this.ki(resource), ns, name, subresource) }).body as Obj;
  }

  list(resource: string, ns: string | undefined, opts: ListOptions = {}): ObjList {
    const query: Record<string, string> = {};
    if (opts.labelSelector) query.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) query.fieldSelector = opts.fieldSelector;
    return this.request({ method: 'GET', path: collectionPath(this.ki(resource), ns), query, readOnly: opts.readOnly }).body as ObjList;
  }

  create(resource: string, ns: string | undefined, obj: Obj, subresource?: string): Obj {
    const ki = this.ki(resource);
    const path = subresource ? itemPath(ki, ns, obj.metadata.name!, subresource) : collectionPath(ki, ns);
    return this.request({ method: 'POST', path, body: obj, contentType: 'application/json' }).body as Obj;
  }

  update(resource: string, ns: string | undefined, obj: Obj, subresource?: string): Obj {
    return this.request({ method: 'PUT', path: itemPath(this.ki(resource), ns, obj.metadata.name!, subresource), body: obj, contentType: 'application/json' }).body as Obj;
  }

  patch(resource: string, ns: string | undefined, name: string, patch: unknown, type: PatchType, subresource?: string): Obj {
    return this.request({ method: 'PATCH', path: itemPath(this.ki(resource), ns, name, subresource), body: patch, contentType: PATCH_TYPES[type] }).body as Obj;
  }

  delete(resource: string, ns: string | undefined, name: string, opts: DeleteOptions = {}): Obj {
    return this.request({ method: 'DELETE', path: itemPath(this.ki(resource), ns, name), body: opts, contentType: 'application/json' }).body as Obj;
  }

  /** A watch by path, with the Accept header (kubectl asks for Tables). */
  rawWatch(path: string, query: Record<string, string>, accept: string | undefined, onEvent: (ev: WatchEvent) => void): () => void {
    if (!this.api.up) throw new ConnectionRefused();
    const h = this.api.watch({ method: 'GET', path, query: { ...query, watch: 'true' }, accept, agent: this.agent }, onEvent);
    return () => h.cancel();
  }

  watch(resource: string, ns: string | undefined, opts: ListOptions, onEvent: (ev: WatchEvent) => void): () => void {
    if (!this.api.up) throw new ConnectionRefused();
    const query: Record<string, string> = { watch: 'true' };
    if (opts.labelSelector) query.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) query.fieldSelector = opts.fieldSelector;
    if (opts.resourceVersion) query.resourceVersion = opts.resourceVersion;
    const h = this.api.watch({ method: 'GET', path: collectionPath(this.ki(resource), ns), query, agent: this.agent, readOnly: opts.readOnly }, (ev) => {
      this.api.trace.emit({ t: this.api.clock.now(), from: 'kube-apiserver', to: this.agent, verb: `watch:${ev.type}`, resource, ns: ev.object.metadata?.namespace, name: ev.object.metadata?.name });
      onEvent(ev);
    });
    return () => h.cancel();
  }

  /** POST pods/{name}/exec: run a command in a container (the stream is the io callbacks). */
  exec(ns: string, pod: string, container: string, command: string[], io: ExecIO): Promise<number> {
    if (!this.api.up) throw new ConnectionRefused();
    return podExec(this.api, { agent: this.agent, namespace: ns, pod, container, command }, io);
  }

  /** pods/{name}/exec with a terminal: an interactive session the caller drives line by line. */
  execSession(ns: string, pod: string, container: string, command: string[], io: ExecIO): Promise<ExecSession> {
    if (!this.api.up) throw new ConnectionRefused();
    return podExecSession(this.api, { agent: this.agent, namespace: ns, pod, container, command }, io);
  }
}
