/** What API clients (scheduler, controllers, kubelet, kubectl …) see of the apiserver. */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** Any API object, as JSON. Kind-specific code narrows `spec`/`status` itself. */
export interface Obj {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

export interface ObjList {
  apiVersion?: string;
  kind?: string;
  metadata: { resourceVersion?: string; continue?: string };
  items: Obj[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: Obj;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** For watch: deliver events after this version ('' or '0' = synthetic ADDED for current objects first). */
  resourceVersion?: string;
  /**
   * The caller only reads the objects it gets (a shared informer): an in-process client may hand
   * it shared, frozen objects instead of copies (ApiRequest.readOnly). Not sent over HTTP.
   */
  readOnly?: boolean;
}

export type PatchType = 'merge' | 'strategic' | 'json';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
}

/**
 * A typed client over the apiserver's REST handler. `resource` is the plural (`pods`,
 * `deployments`); `ns` is ignored for cluster-scoped kinds. Failures throw ApiError.
 * Calls are synchronous (the apiserver answers at once); watch events arrive later on the clock.
 */
export interface Client {
  /** Who is calling (the trace's `from`, e.g. `kube-scheduler`, `kubelet/node01`, `kubectl`). */
  readonly agent: string;
  get(resource: string, ns: string | undefined, name: string, subresource?: string): Obj;
  list(resource: string, ns: string | undefined, opts?: ListOptions): ObjList;
  create(resource: string, ns: string | undefined, obj: Obj, subresource?: string): Obj;
  update(resource: string, ns: string | undefined, obj: Obj, subresource?: string): Obj;
  patch(resource: string, ns: string | undefined, name: string, patch: unknown, type: PatchType, subresource?: string): Obj;
  delete(resource: string, ns: string | undefined, name: string, opts?: DeleteOptions): Obj;
  /** Start a watch; returns a function that stops it. */
  watch(resource: string, ns: string | undefined, opts: ListOptions, onEvent: (ev: WatchEvent) => void): () => void;
}
