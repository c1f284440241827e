{{/* The name every object starts with: the release's, with "flotilla" added unless it has it. */}}
{{- define "flotilla.fullname" -}}
{{- if contains "flotilla" .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-flotilla" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels of every object; a service's objects add app.kubernetes.io/component. */}}
{{- define "flotilla.labels" -}}
app.kubernetes.io/name: flotilla
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The labels a service's pods are selected by. Takes (dict "root" $ "service" name). */}}
{{- define "flotilla.selector" -}}
app.kubernetes.io/name: flotilla
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/* The services that keep their state in PostgreSQL. */}}
{{- define "flotilla.usesDatabase" -}}
{{- if has . (list "observer" "git-watcher" "applier") -}}true{{- end -}}
{{- end -}}

{{/* The services that connect to PostgreSQL: those keeping state there, and the image-updater, whose instances pass
registry webhooks to each other through it (LISTEN/NOTIFY, no table). */}}
{{- define "flotilla.connectsToDatabase" -}}
{{- if or (include "flotilla.usesDatabase" .) (eq . "image-updater") -}}true{{- end -}}
{{- end -}}

{{/* The services that read the Secrets Flux's secretRefs name, in the cluster Flotilla runs in. */}}
{{- define "flotilla.readsSourceSecrets" -}}
{{- if has . (list "git-watcher" "renderer" "image-updater") -}}true{{- end -}}
{{- end -}}

{{/* The services that talk to the cluster Flotilla runs in, with their service account. */}}
{{- define "flotilla.usesHomeCluster" -}}
{{- if or (eq . "observer") (include "flotilla.readsSourceSecrets" .) -}}true{{- end -}}
{{- end -}}

{{/* The services that keep files between requests (clones, charts): a writable work folder. */}}
{{- define "flotilla.usesWorkDir" -}}
{{- if has . (list "git-watcher" "renderer" "image-updater") -}}true{{- end -}}
{{- end -}}

{{- define "flotilla.secretKeysSecret" -}}
{{- .Values.secretKeys.existingSecret | default (printf "%s-secret-keys" (include "flotilla.fullname" .)) -}}
{{- end -}}

{{- define "flotilla.credentialsKeySecret" -}}
{{- .Values.credentialsKey.existingSecret | default (printf "%s-credentials-key" (include "flotilla.fullname" .)) -}}
{{- end -}}

{{/* Kafka's security protocol from kafka.tls and kafka.sasl. */}}
{{- define "flotilla.kafkaProtocol" -}}
{{- if and .Values.kafka.tls.enabled .Values.kafka.sasl.mechanism -}}SASL_SSL
{{- else if .Values.kafka.tls.enabled -}}SSL
{{- else if .Values.kafka.sasl.mechanism -}}SASL_PLAINTEXT
{{- else -}}PLAINTEXT
{{- end -}}
{{- end -}}

{{/*
A service's Quarkus configuration, as application.properties. Secrets are not in it: it names environment variables
the Deployment fills from Secrets. Takes (dict "root" $ "service" name).
*/}}
{{- define "flotilla.properties" -}}
{{- $root := .root -}}
{{- $values := $root.Values -}}
{{- $service := .service -}}
{{- $properties := dict -}}
{{- $_ := set $properties "quarkus.http.port" "8080" -}}
{{- $_ := set $properties "kafka.bootstrap.servers" (required "kafka.bootstrapServers is required: the Kafka bootstrap address (Strimzi: <cluster>-kafka-bootstrap.<namespace>:9093)" $values.kafka.bootstrapServers) -}}
{{- $_ := set $properties "kafka.acks" "all" -}}
{{- $_ := set $properties "kafka.enable.idempotence" "true" -}}
{{- $_ := set $properties "flotilla.topic-partitions" ($values.kafka.topics.partitions | toString) -}}
{{- $_ := set $properties "flotilla.topic-replication-factor" ($values.kafka.topics.replicationFactor | toString) -}}
{{- $_ := set $properties "flotilla.topic-min-insync-replicas" ($values.kafka.topics.minInsyncReplicas | toString) -}}
{{- $_ := set $properties "flotilla.topic-prefix" $values.kafka.topics.prefix -}}
{{- $_ := set $properties "kafka.security.protocol" (include "flotilla.kafkaProtocol" $root) -}}
{{- if $values.kafka.tls.enabled -}}
{{- $_ := set $properties "kafka.ssl.truststore.type" "PEM" -}}
{{- $_ := set $properties "kafka.ssl.truststore.location" (printf "/etc/flotilla/kafka-ca/%s" $values.kafka.tls.caKey) -}}
{{- end -}}
{{- if $values.kafka.sasl.mechanism -}}
{{- $_ := set $properties "kafka.sasl.mechanism" $values.kafka.sasl.mechanism -}}
{{- $_ := set $properties "kafka.sasl.jaas.config" (printf "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"${KAFKA_PASSWORD}\";" $values.kafka.sasl.username) -}}
{{- end -}}
{{- if include "flotilla.usesDatabase" $service -}}
{{- $_ := set $properties "quarkus.datasource.reactive.url" (printf "postgresql://%s" (required "postgresql.address is required: host:port/database" $values.postgresql.address)) -}}
{{- $_ := set $properties "quarkus.datasource.username" $values.postgresql.username -}}
{{- if $values.postgresql.existingSecret -}}
{{- $_ := set $properties "quarkus.datasource.password" "${POSTGRES_PASSWORD}" -}}
{{- end -}}
{{- else if eq $service "image-updater" -}}
{{- $_ := set $properties "flotilla.images.push-notices.url" (printf "postgresql://%s" (required "postgresql.address is required: host:port/database" $values.postgresql.address)) -}}
{{- $_ := set $properties "flotilla.images.push-notices.username" $values.postgresql.username -}}
{{- if $values.postgresql.existingSecret -}}
{{- $_ := set $properties "flotilla.images.push-notices.password" "${POSTGRES_PASSWORD}" -}}
{{- end -}}
{{- end -}}
{{- if $values.fleet.kubeconfigSecret -}}
{{- $_ := set $properties "flotilla.clusters.kubeconfig" "/etc/flotilla/kubeconfig/config" -}}
{{- end -}}
{{- if include "flotilla.usesWorkDir" $service -}}
{{- $work := "/var/lib/flotilla/work" -}}
{{- if eq $service "git-watcher" -}}
{{- $_ := set $properties "flotilla.git.work-dir" $work -}}
{{- $_ := set $properties "flotilla.git.repository" (required "fleet.repository is required: the fleet repository git-watcher follows" $values.fleet.repository) -}}
{{- $_ := set $properties "flotilla.git.branch" $values.fleet.branch -}}
{{- $_ := set $properties "flotilla.git.poll-interval" $values.fleet.pollInterval -}}
{{- else if eq $service "renderer" -}}
{{- $_ := set $properties "flotilla.renderer.work-dir" $work -}}
{{- else -}}
{{- $_ := set $properties "flotilla.images.work-dir" $work -}}
{{- end -}}
{{- end -}}
{{- if include "flotilla.readsSourceSecrets" $service -}}
{{- $_ := set $properties "flotilla.source-secrets.home-cluster" "true" -}}
{{- end -}}
{{- if eq $service "observer" -}}
{{- $_ := set $properties "flotilla.clusters.secrets.enabled" "true" -}}
{{- $_ := set $properties "flotilla.clusters.secrets.namespace" $root.Release.Namespace -}}
{{- $_ := set $properties "flotilla.images.automations-url" (printf "http://%s-image-updater:8080/api/automations" (include "flotilla.fullname" $root)) -}}
{{- $_ := set $properties "flotilla.applier.url" (printf "http://%s-applier:8080" (include "flotilla.fullname" $root)) -}}
{{- end -}}
{{- if and $values.ingress.enabled $values.ingress.proxyForwarding (has $service (list "observer" "git-watcher" "image-updater")) -}}
{{- /* Behind the Ingress: its X-Forwarded-Proto makes the login cookie Secure under TLS, its X-Forwarded-For names
       the client whose refused webhook deliveries are limited. */ -}}
{{- $_ := set $properties "quarkus.http.proxy.proxy-address-forwarding" "true" -}}
{{- $_ := set $properties "quarkus.http.proxy.allow-x-forwarded" "true" -}}
{{- end -}}
{{- if $values.auth.tokensSecret -}}
{{- $_ := set $properties "flotilla.auth.tokens-file" (printf "/etc/flotilla/auth/%s" $values.auth.tokensKey) -}}
{{- end -}}
{{- if $values.auth.oidc.issuer -}}
{{- $_ := set $properties "quarkus.oidc.tenant-enabled" "true" -}}
{{- $_ := set $properties "quarkus.oidc.auth-server-url" $values.auth.oidc.issuer -}}
{{- $_ := set $properties "quarkus.oidc.client-id" $values.auth.oidc.clientId -}}
{{- if $values.auth.oidc.clientSecret.existingSecret -}}
{{- $_ := set $properties "quarkus.oidc.credentials.secret" "${OIDC_CLIENT_SECRET}" -}}
{{- end -}}
{{- if $values.auth.oidc.roleClaim -}}
{{- $_ := set $properties "quarkus.oidc.roles.role-claim-path" $values.auth.oidc.roleClaim -}}
{{- end -}}
{{- range $role, $groups := $values.auth.oidc.groups -}}
{{- $_ := set $properties (printf "flotilla.auth.oidc.roles.%s" $role) $groups -}}
{{- end -}}
{{- if eq $service "observer" -}}
{{- $_ := set $properties "quarkus.oidc.application-type" "hybrid" -}}
{{- end -}}
{{- end -}}
{{- range $name, $value := $values.config -}}
{{- $_ := set $properties $name ($value | toString) -}}
{{- end -}}
{{- range $name, $value := (index $values.services $service).config -}}
{{- $_ := set $properties $name ($value | toString) -}}
{{- end -}}
{{- range $name := keys $properties | sortAlpha }}
{{ $name }}={{ index $properties $name }}
{{- end -}}
{{- end -}}
