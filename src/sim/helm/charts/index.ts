/**
 * The charts the site ships. Local paths (`./charts/web`) resolve here when the shell's filesystem
 * has no such directory; repository charts (`bitpoke/mysql-operator`) need `helm repo add` first,
 * as in real Helm — but nothing is downloaded: the sandbox is offline.
 */
import type { ChartFiles } from '../chart';
import { web } from './web';
import { mysqlOperator } from './mysql-operator';
import { ingressNginx } from './ingress-nginx';

/** Local charts by their path relative to the home directory. */
export const LOCAL_CHARTS: Record<string, ChartFiles> = {
  'charts/web': web,
  'charts/mysql-operator': mysqlOperator,
};

export interface RepoInfo {
  url: string;
  charts: Record<string, ChartFiles>;
}

/** Repositories the sandbox can "reach" (their index is bundled). */
export const KNOWN_REPOS: Record<string, RepoInfo> = {
  bitpoke: { url: 'https://helm-charts.bitpoke.io', charts: { 'mysql-operator': mysqlOperator } },
  presslabs: { url: 'https://presslabs.github.io/charts', charts: { 'mysql-operator': mysqlOperator } },
  'ingress-nginx': { url: 'https://kubernetes.github.io/ingress-nginx', charts: { 'ingress-nginx': ingressNginx } },
};
