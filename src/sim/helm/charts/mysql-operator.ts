/**
 * `bitpoke/mysql-operator` (formerly `presslabs/mysql-operator`), reduced to what this sandbox can
 * run. The real chart installs CustomResourceDefinitions (MysqlCluster, MysqlBackup, …), RBAC, a
 * StatefulSet running the operator and Orchestrator. The simulated apiserver has no CRDs, no RBAC
 * kinds and no StatefulSets, so this stand-in keeps the part a learner can watch: an operator
 * Deployment (a busybox process that logs what a real operator's control loop would do) and its
 * metrics Service. Its NOTES say so.
 */
import type { ChartFiles } from '../chart';

export const mysqlOperator: ChartFiles = {
  'Chart.yaml': `apiVersion: v2
name: mysql-operator
description: A Helm chart for the Bitpoke MySQL operator (sandbox stand-in, no CRDs)
type: application
version: 0.6.3
appVersion: v0.6.3
`,
  'values.yaml': `# Sandbox stand-in for bitpoke/mysql-operator. The real chart runs the image
# docker.io/bitpoke/mysql-operator; the simulated registry only knows a few images,
# so a busybox process plays the operator here.
replicaCount: 1

image:
  repository: busybox
  tag: "1.36"
  pullPolicy: IfNotPresent

# which namespaces the operator watches ("" = all)
watchNamespace: ""

orchestrator:
  # the real chart also deploys Orchestrator (MySQL topology manager); not in the sandbox
  enabled: false

metrics:
  port: 9125

resources: {}
`,
  'templates/_helpers.tpl': `{{- define "mysql-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "mysql-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "mysql-operator.fullname" . }}
  labels:
    helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
    {{- include "mysql-operator.selectorLabels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "mysql-operator.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "mysql-operator.selectorLabels" . | nindent 8 }}
    spec:
      containers:
      - name: operator
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        imagePullPolicy: {{ .Values.image.pullPolicy }}
        command:
        - sh
        - -c
        - |
          echo "mysql-operator {{ .Chart.AppVersion }} (sandbox stand-in) starting"
          echo "watching namespace: {{ .Values.watchNamespace | default "<all>" }}"
          echo "a real operator now watches MysqlCluster objects and creates StatefulSets, Services and Secrets for them"
          echo "this cluster has no CustomResourceDefinitions, so there is nothing to reconcile"
          sleep infinity
        ports:
        - name: metrics
          containerPort: {{ .Values.metrics.port }}
        {{- with .Values.resources }}
        resources:
          {{- toYaml . | nindent 10 }}
        {{- end }}
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "mysql-operator.fullname" . }}-metrics
  labels:
    {{- include "mysql-operator.selectorLabels" . | nindent 4 }}
spec:
  ports:
  - name: metrics
    port: {{ .Values.metrics.port }}
    targetPort: metrics
  selector:
    {{- include "mysql-operator.selectorLabels" . | nindent 4 }}
`,
  'templates/NOTES.txt': `The MySQL operator is starting in namespace {{ .Release.Namespace }}.

Sandbox note: this is a stand-in chart. The real bitpoke/mysql-operator chart also installs
CustomResourceDefinitions (MysqlCluster, MysqlBackup, MysqlDatabase, MysqlUser); with them you would
create a MysqlCluster object and the operator would build the StatefulSet and Services for it.
This simulated apiserver has no CRDs, so only the operator Deployment runs.

  kubectl get pods -n {{ .Release.Namespace }} -l app.kubernetes.io/instance={{ .Release.Name }}
  kubectl logs -n {{ .Release.Namespace }} deploy/{{ include "mysql-operator.fullname" . }}
`,
};
