{{/* Chart name, release-scoped full name and labels (the usual helm create helpers). */}}
{{- define "distillery.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "distillery.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "distillery.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "distillery.labels" -}}
helm.sh/chart: {{ include "distillery.chart" . }}
{{ include "distillery.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "distillery.selectorLabels" -}}
app.kubernetes.io/name: {{ include "distillery.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Image of a component: {{ include "distillery.image" (dict "image" .Values.worker.image "root" .) }} */}}
{{- define "distillery.image" -}}
{{- $repository := default .root.Values.image.repository .image.repository }}
{{- $tag := default (default .root.Chart.AppVersion .root.Values.image.tag) .image.tag }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/* The database the service connects to: the in-chart PostgreSQL or the external one. */}}
{{- define "distillery.db.host" -}}
{{- if .Values.postgresql.enabled }}{{ include "distillery.fullname" . }}-postgresql{{ else }}{{ required "externalDatabase.host is required unless postgresql.enabled" .Values.externalDatabase.host }}{{ end }}
{{- end }}

{{- define "distillery.db.url" -}}
{{- if .Values.postgresql.enabled -}}
jdbc:postgresql://{{ include "distillery.db.host" . }}:5432/{{ .Values.postgresql.auth.database }}
{{- else -}}
jdbc:postgresql://{{ include "distillery.db.host" . }}:{{ .Values.externalDatabase.port }}/{{ .Values.externalDatabase.database }}{{ with .Values.externalDatabase.jdbcParameters }}?{{ . }}{{ end }}
{{- end }}
{{- end }}

{{- define "distillery.db.username" -}}
{{- if .Values.postgresql.enabled }}{{ .Values.postgresql.auth.username }}{{ else }}{{ .Values.externalDatabase.username }}{{ end }}
{{- end }}

{{- define "distillery.db.secretName" -}}
{{- if .Values.postgresql.enabled }}{{ default (printf "%s-postgresql" (include "distillery.fullname" .)) .Values.postgresql.auth.existingSecret }}
{{- else if .Values.externalDatabase.existingSecret }}{{ .Values.externalDatabase.existingSecret }}
{{- else }}{{ include "distillery.fullname" . }}-db{{ end }}
{{- end }}

{{- define "distillery.db.secretKey" -}}
{{- if .Values.postgresql.enabled }}{{ .Values.postgresql.auth.existingSecretPasswordKey }}
{{- else if .Values.externalDatabase.existingSecret }}{{ .Values.externalDatabase.existingSecretPasswordKey }}
{{- else }}password{{ end }}
{{- end }}

{{- define "distillery.checkpoints.claimName" -}}
{{- default (printf "%s-checkpoints" (include "distillery.fullname" .)) .Values.persistence.checkpoints.existingClaim }}
{{- end }}

{{/* Paths inside every Distillery container. */}}
{{- define "distillery.dataDir" -}}/var/lib/distillery{{- end }}
{{- define "distillery.checkpointsDir" -}}/var/lib/distillery/checkpoints{{- end }}

{{/* Environment shared by API and worker containers, after envFrom the ConfigMap. */}}
{{- define "distillery.env" -}}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "distillery.db.secretName" . }}
      key: {{ include "distillery.db.secretKey" . }}
{{- end }}

{{/* Pod-level parts shared by API and worker pods: volumes. */}}
{{- define "distillery.volumes" -}}
- name: data
  emptyDir: {}
- name: tmp
  emptyDir: {}
- name: checkpoints
{{- if .Values.persistence.checkpoints.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "distillery.checkpoints.claimName" . }}
{{- else }}
  emptyDir: {}
{{- end }}
{{- with .Values.datasets.volume }}
- name: datasets
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{- define "distillery.volumeMounts" -}}
- name: data
  mountPath: {{ include "distillery.dataDir" . }}
- name: tmp
  mountPath: /tmp
- name: checkpoints
  mountPath: {{ include "distillery.checkpointsDir" . }}
{{- if .Values.datasets.volume }}
- name: datasets
  mountPath: {{ .Values.datasets.mountPath }}
  readOnly: true
{{- end }}
{{- end }}

{{- define "distillery.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .Values.probes.startup.periodSeconds }}
  failureThreshold: {{ .Values.probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .Values.probes.liveness.periodSeconds }}
  failureThreshold: {{ .Values.probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .Values.probes.readiness.periodSeconds }}
  failureThreshold: {{ .Values.probes.readiness.failureThreshold }}
{{- end }}

{{/*
API-key security: with security.enabled at least one configured key must be an admin (else nobody could
ever manage keys), and names and hashes must be unique (the service refuses duplicates at startup).
*/}}
{{- define "distillery.security.validate" -}}
{{- $names := dict }}
{{- $hashes := dict }}
{{- $admins := 0 }}
{{- range $i, $key := .Values.security.keys }}
{{- if hasKey $names $key.name }}
{{- fail (printf "security.keys[%d]: the name %q is used by another key; names must be unique" $i $key.name) }}
{{- end }}
{{- if hasKey $hashes $key.hash }}
{{- fail (printf "security.keys[%d] (%s) has the same hash as the key %q: every key must be different" $i $key.name (get $hashes $key.hash)) }}
{{- end }}
{{- $_ := set $names $key.name $i }}
{{- $_ := set $hashes $key.hash $key.name }}
{{- if has "admin" $key.roles }}
{{- $admins = add1 $admins }}
{{- end }}
{{- end }}
{{- if and .Values.security.enabled (eq $admins 0) }}
{{- fail "security.enabled is true but security.keys has no key with the admin role: add one (name, hash: the SHA-256 of the key in hex from `bin/distillery hash-key`, roles: [admin]): without one nobody can create or revoke keys; see docs/deploy.md, \"Security and quotas\"" }}
{{- end }}
{{- end }}
