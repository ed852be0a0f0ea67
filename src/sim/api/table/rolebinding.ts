/** printRoleBinding / printClusterRoleBinding. */
import type { Obj } from '../../client/types';
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';

/** rbac.SubjectsStrings: users, groups, service accounts (`ns/name`). */
export function subjectsStrings(subjects: { kind: string; name: string; namespace?: string }[] | undefined): [string[], string[], string[]] {
  const users: string[] = [];
  const groups: string[] = [];
  const sas: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

function bindingPrinter(what: string): KindPrinter {
  return {
    columns: [
      nameCol(),
      col('Role', 'string', what === 'roleBinding' ? 'rbac/v1beta1.RoleBinding.roleRef' : 'rbac/v1beta1.ClusterRoleBinding.roleRef'),
      ageCol(),
      col('Users', 'string', `Users in the ${what}`, 1),
      col('Groups', 'string', `Groups in the ${what}`, 1),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
    ],
    row(o: Obj, now: number) {
      const [u, g, s] = subjectsStrings(o.subjects);
      return { cells: [o.metadata.name ?? '', `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}`, since(now, o.metadata.creationTimestamp), u.join(', '), g.join(', '), s.join(', ')] };
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');
