/**
 * `ingress-nginx/ingress-nginx`, reduced to the objects the sandbox's ingress controller model needs:
 * the controller Deployment (its Pods carry app.kubernetes.io/component=controller), its Service and
 * the IngressClass. The real chart also installs RBAC, a ConfigMap and an admission webhook; its
 * default Service type is LoadBalancer, and its controller has probes on :10254/healthz (left out here:
 * the simulated controller image does not serve that port yet). The project was retired in March 2026 (see the Ingress page).
 */
import type { ChartFiles } from '../chart';

export const ingressNginx: ChartFiles = {
  'Chart.yaml': `apiVersion: v2
name: ingress-nginx
description: Ingress controller for Kubernetes using NGINX as a reverse proxy and load balancer (sandbox subset)
type: application
version: 4.11.3
appVersion: 1.11.3
`,
  'values.yaml': `controller:
  image:
    registry: registry.k8s.io
    image: ingress-nginx/controller
    tag: "v1.11.3"
  replicaCount: 1
  ingressClassResource:
    name: nginx
    enabled: true
    default: false
    controllerValue: k8s.io/ingress-nginx
  service:
    # the real chart defaults to LoadBalancer; without a cloud, use NodePort
    type: LoadBalancer
    nodePorts:
      http: ""
      https: ""
`,
  'templates/_helpers.tpl': `{{- define "ingress-nginx.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "ingress-nginx.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controller
{{- end }}

{{- define "ingress-nginx.labels" -}}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{ include "ingress-nginx.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: ingress-nginx
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
`,
  'templates/controller-deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "ingress-nginx.fullname" . }}-controller
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.controller.replicaCount }}
  selector:
    matchLabels:
      {{- include "ingress-nginx.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "ingress-nginx.labels" . | nindent 8 }}
    spec:
      containers:
      - name: controller
        image: "{{ .Values.controller.image.registry }}/{{ .Values.controller.image.image }}:{{ .Values.controller.image.tag }}"
        args:
        - /nginx-ingress-controller
        - --publish-service=$(POD_NAMESPACE)/{{ include "ingress-nginx.fullname" . }}-controller
        - --election-id={{ include "ingress-nginx.fullname" . }}-leader
        - --controller-class={{ .Values.controller.ingressClassResource.controllerValue }}
        - --ingress-class={{ .Values.controller.ingressClassResource.name }}
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        ports:
        - name: http
          containerPort: 80
          protocol: TCP
        - name: https
          containerPort: 443
          protocol: TCP
        resources:
          requests:
            cpu: 100m
            memory: 90Mi
      nodeSelector:
        kubernetes.io/os: linux
`,
  'templates/controller-service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "ingress-nginx.fullname" . }}-controller
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
spec:
  type: {{ .Values.controller.service.type }}
  ports:
  - name: http
    port: 80
    protocol: TCP
    targetPort: http
    appProtocol: http
    {{- if and (eq .Values.controller.service.type "NodePort") .Values.controller.service.nodePorts.http }}
    nodePort: {{ .Values.controller.service.nodePorts.http }}
    {{- end }}
  - name: https
    port: 443
    protocol: TCP
    targetPort: https
    appProtocol: https
    {{- if and (eq .Values.controller.service.type "NodePort") .Values.controller.service.nodePorts.https }}
    nodePort: {{ .Values.controller.service.nodePorts.https }}
    {{- end }}
  selector:
    {{- include "ingress-nginx.selectorLabels" . | nindent 4 }}
`,
  'templates/controller-ingressclass.yaml': `{{- if .Values.controller.ingressClassResource.enabled -}}
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: {{ .Values.controller.ingressClassResource.name }}
  labels:
    {{- include "ingress-nginx.labels" . | nindent 4 }}
  {{- if .Values.controller.ingressClassResource.default }}
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
  {{- end }}
spec:
  controller: {{ .Values.controller.ingressClassResource.controllerValue }}
{{- end }}
`,
  'templates/NOTES.txt': `The ingress-nginx controller has been installed.
It may take a few minutes for the load balancer IP to be available.
You can watch the status by running 'kubectl get service --namespace {{ .Release.Namespace }} {{ include "ingress-nginx.fullname" . }}-controller --output wide --watch'
`,
};
