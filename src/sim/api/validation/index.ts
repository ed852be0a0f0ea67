/** Validation: field errors with upstream paths and messages; the apiserver turns them into 422. */
import { nameRule, dns1123Label } from './names';
import { isValidQuantity } from '../../core/quantity';
import { fromLabelSelectorObject, matchLabels } from '../selectors';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export interface FieldError {
  field: string;
  reason: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate' | 'FieldValueForbidden';
  message: string;
}

const required = (field: string, detail = ''): FieldError => ({ field, reason: 'FieldValueRequired', message: `Required value${detail ? `: ${detail}` : ''}` });
const invalidValue = (field: string, value: unknown, detail: string): FieldError => ({
  field,
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${goValue(value)}: ${detail}`,
});
const notSupported = (field: string, value: string, allowed: string[]): FieldError => ({
  field,
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: "${value}": supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
});

/** How field.Invalid prints values: strings quoted, numbers bare. */
function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, string>).sort(([a], [b]) => a.localeCompare(b));
    return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}

function validateMeta(kind: string, obj: Any, errs: FieldError[]): void {
  const name = obj.metadata?.name;
  if (!name) errs.push(required('metadata.name', 'name or generateName is required'));
  else for (const m of nameRule(kind)(name)) errs.push(invalidValue('metadata.name', name, m));
}

function validateContainers(list: Any[] | undefined, path: string, errs: FieldError[], requiredList: boolean): void {
  if (!list || list.length === 0) {
    if (requiredList) errs.push(required(path));
    return;
  }
  const seen = new Set<string>();
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!c.name) errs.push(required(`${p}.name`));
    else {
      for (const m of dns1123Label(c.name)) errs.push(invalidValue(`${p}.name`, c.name, m));
      if (seen.has(c.name)) errs.push({ field: `${p}.name`, reason: 'FieldValueDuplicate', message: `Duplicate value: ${JSON.stringify(c.name)}` });
      seen.add(c.name);
    }
    if (!c.image) errs.push(required(`${p}.image`));
    for (const [section, res] of Object.entries(c.resources ?? {})) {
      for (const [r, q] of Object.entries((res as Record<string, unknown>) ?? {})) {
        if (!isValidQuantity(q)) errs.push(invalidValue(`${p}.resources.${section}[${r}]`, q, 'must be a valid quantity'));
      }
    }
    (c.ports ?? []).forEach((port: Any, j: number) => {
      if (typeof port.containerPort !== 'number' || port.containerPort < 1 || port.containerPort > 65535)
        errs.push(invalidValue(`${p}.ports[${j}].containerPort`, port.containerPort, 'must be between 1 and 65535, inclusive'));
    });
  });
}

function validatePodSpec(spec: Any, path: string, errs: FieldError[]): void {
  if (!spec) {
    errs.push(required(`${path}.containers`));
    return;
  }
  validateContainers(spec.containers, `${path}.containers`, errs, true);
  validateContainers(spec.initContainers, `${path}.initContainers`, errs, false);
  const rp = spec.restartPolicy;
  if (rp && !['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(notSupported(`${path}.restartPolicy`, rp, ['Always', 'OnFailure', 'Never']));
}

function validateSelectorTemplate(spec: Any, errs: FieldError[]): void {
  if (!spec?.selector) {
    errs.push(required('spec.selector'));
    return;
  }
  const labels = spec.template?.metadata?.labels;
  const sel = fromLabelSelectorObject(spec.selector);
  if (sel.length === 0) errs.push(invalidValue('spec.selector', spec.selector, 'empty selector is invalid for deployment'));
  else if (!matchLabels(sel, labels)) errs.push(invalidValue('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'));
}

const VALIDATORS: Record<string, (o: Any, errs: FieldError[]) => void> = {
  Pod: (o, errs) => validatePodSpec(o.spec, 'spec', errs),
  Deployment(o, errs) {
    validateSelectorTemplate(o.spec, errs);
    validatePodSpec(o.spec?.template?.spec, 'spec.template.spec', errs);
    if (o.spec?.replicas < 0) errs.push(invalidValue('spec.replicas', o.spec.replicas, 'must be greater than or equal to 0'));
  },
  ReplicaSet(o, errs) {
    validateSelectorTemplate(o.spec, errs);
    validatePodSpec(o.spec?.template?.spec, 'spec.template.spec', errs);
    if (o.spec?.replicas < 0) errs.push(invalidValue('spec.replicas', o.spec.replicas, 'must be greater than or equal to 0'));
  },
  Service(o, errs) {
    const s = o.spec ?? {};
    const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
    if (!types.includes(s.type)) errs.push(notSupported('spec.type', s.type, types));
    if (s.type !== 'ExternalName' && s.clusterIP !== 'None' && (!s.ports || s.ports.length === 0)) errs.push(required('spec.ports'));
    (s.ports ?? []).forEach((p: Any, i: number) => {
      if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) errs.push(invalidValue(`spec.ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive'));
      if ((s.ports.length > 1) && !p.name) errs.push(required(`spec.ports[${i}].name`));
    });
  },
};

export function validate(kind: string, obj: Any): FieldError[] {
  const errs: FieldError[] = [];
  validateMeta(kind, obj, errs);
  VALIDATORS[kind]?.(obj, errs);
  return errs;
}
