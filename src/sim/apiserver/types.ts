/** One request to the apiserver, as the HTTP server or an in-process client makes it. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: Method;
  /** Path without query, e.g. `/api/v1/namespaces/default/pods/web`. */
  path: string;
  query?: Record<string, string>;
  /** Parsed JSON body (or, for `application/apply-patch+yaml` / raw bodies, a string). */
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** Who is asking (trace `from`): `kubectl`, `kube-scheduler`, `kubelet/node01` … */
  agent?: string;
  /**
   * In-process transport hint: the caller only reads what it gets (as a shared informer's handlers
   * must), so list items and watch objects may be the decoded-object cache's shared, frozen ones
   * instead of copies. Changes nothing on the wire; the HTTP server never sets it.
   */
  readOnly?: boolean;
  /**
   * The authenticated user (what a client certificate / token says). Absent: an in-process
   * component on the privileged loopback connection — not authorized. kubectl passes the kubeadm
   * admin (`kubernetes-admin`, groups `kubeadm:cluster-admins`), see rbac KUBEADM_ADMIN.
   */
  user?: string;
  groups?: string[];
  /** `Impersonate-User` / `Impersonate-Group` headers (kubectl --as / --as-group). */
  impersonate?: { user: string; groups?: string[] };
}

export interface ApiResponse {
  code: number;
  body: unknown;
  contentType?: string;
  /** `Warning: 299 - "…"` headers. */
  warnings?: string[];
}
