{{- define "hooks.policy" -}}
"helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded
{{- end }}
