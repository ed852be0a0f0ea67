/** `./charts/web`: an nginx Deployment and its Service — the shape of a `helm create` chart, trimmed. */
import type { ChartFiles } from '../chart';

export const web: ChartFiles = {
  'Chart.yaml': `apiVersion: v2
name: web
description: A small web server (nginx) with a Service in front of it
type: application
version: 0.1.0
appVersion: "1.27"
`,
  'values.yaml': `# Default values for web. Override them with -f my-values.yaml or --set key=value.
replicaCount: 2

image:
  repository: nginx
  # defaults to the chart's appVersion when empty
  tag: ""
  pullPolicy: IfNotPresent

service:
  type: ClusterIP
  port: 80

resources: {}
  # limits:
  #   cpu: 100m
  #   memory: 128Mi

podLabels: {}
`,
  'templates/_helpers.tpl': `{{/* The name of the release's objects: <release>-<chart>, or just <release> if it already contains the chart name. */}}
{{- define "web.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "web.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "web.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "web.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
`,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "web.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "web.selectorLabels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      containers:
      - name: {{ .Chart.Name }}
        image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
        imagePullPolicy: {{ .Values.image.pullPolicy }}
        ports:
        - name: http
          containerPort: 80
          protocol: TCP
        {{- with .Values.resources }}
        resources:
          {{- toYaml . | nindent 10 }}
        {{- end }}
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  type: {{ .Values.service.type }}
  ports:
  - port: {{ .Values.service.port }}
    targetPort: http
    protocol: TCP
    name: http
  selector:
    {{- include "web.selectorLabels" . | nindent 4 }}
`,
  'templates/NOTES.txt': `{{ include "web.fullname" . }} is running {{ .Values.replicaCount }} nginx replica(s) in namespace {{ .Release.Namespace }}.
Inside the cluster it answers at http://{{ include "web.fullname" . }}.{{ .Release.Namespace }}.svc.cluster.local:{{ .Values.service.port }}

  kubectl get deploy,svc,pods -n {{ .Release.Namespace }} -l app.kubernetes.io/instance={{ .Release.Name }}
`,
};
