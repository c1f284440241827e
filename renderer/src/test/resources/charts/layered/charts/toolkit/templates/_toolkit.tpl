{{- define "toolkit.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "toolkit.hook" -}}
helm.sh/hook: {{ . }}
{{- end }}
