package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flotilla.embedded.postgres.PostgresServer;
import io.flotilla.events.EventCodec;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.fixtures.KustomizationYaml;
import io.flotilla.testing.git.GitHttpServer;
import io.flotilla.testing.git.GitRepo;
import io.flotilla.testing.sops.AgeCli;
import io.flotilla.testing.sops.SopsWriter;

/**
 * Secrets stay secret through the whole path: a chart renders a Secret whose value comes from the repository's
 * Secret through {@code valuesFrom}, a Kustomization with {@code decryption.provider: sops} applies a Secret committed
 * SOPS-encrypted for an age recipient (its identity in the cluster's decryption Secret, as Flux users keep it), and a
 * private source is added with its token written into its URL and a webhook secret. Once both Secrets are on the
 * simulated cluster with their clear values, every record of every topic, every row of every table of every service's
 * schema, every service's log and the API responses a user reads are searched for the values, their base64, the age
 * identity, the token and the webhook secret, inside gzipped parts too: none of them is found.
 */
@OnSharedStack
class SecretsStaySecretIT {

    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    private static final String NAMESPACE = "secrets-e2e";
    private static final String RELEASE = "vault";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "Wh1te-Rabbit-" + SUFFIX;
    private static final String SOURCE_TOKEN = "glpat-e2e-" + SUFFIX;
    private static final String SOURCE_HOOK_SECRET = "hook-e2e-" + SUFFIX;
    private static final String SOPS_NAMESPACE = "secrets-sops-e2e";
    private static final String SOPS_PASSWORD = "Ch3shire-Cat-" + SUFFIX;
    /** Gzipped data in base64 (events' compressed objects, values, charts) starts so. */
    private static final Pattern GZIPPED = Pattern.compile("H4sI[A-Za-z0-9+/=_-]{16,}");

    private static SharedStack shared;
    private static StackState stack;
    private static GitRepo repo;
    private static GitHttpServer privateServer;
    private static KubernetesClient dev;
    private static String sha;
    private static AgeCli.KeyPair age;

    @BeforeAll
    static void deployASecretAndAddAPrivateSource(SharedStack given) {
        shared = given;
        stack = given.state();
        Path work = given.folder(SecretsStaySecretIT.class);
        repo = EndToEndFleet.repository(work);
        repo.write("charts/vault/Chart.yaml", "apiVersion: v2\nname: vault\nversion: 0.1.0\n");
        repo.write("charts/vault/templates/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: {{ .Release.Name }}-credentials
                data:
                  password: {{ .Values.password | b64enc }}
                stringData:
                  url: postgres://app:{{ .Values.password }}@db/app
                """);
        repo.write("releases/dev/vault.yaml", HelmReleaseYaml.fluxV2(NAMESPACE, RELEASE, "charts/vault", """
                install:
                  createNamespace: true
                valuesFrom:
                  - kind: Secret
                    name: vault-values
                """));
        repo.write("releases/dev/vault-namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                """.formatted(NAMESPACE));
        repo.write("releases/dev/vault-values.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: vault-values
                  namespace: %s
                data:
                  values.yaml: %s
                """.formatted(NAMESPACE, base64("password: " + PASSWORD + "\n")));
        age = AgeCli.newKeyPair();
        dev = EndToEndFleet.client(stack.kubeconfig(), "dev");
        dev.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("flux-system").endMetadata()
                .build()).serverSideApply();
        dev.secrets().inNamespace("flux-system").resource(new SecretBuilder().withNewMetadata().withName("sops-age")
                .endMetadata().addToStringData("identity.agekey", age.identity() + "\n").build()).serverSideApply();
        repo.write("releases/dev/vault-sops.yaml", KustomizationYaml.kustomization("vault-sops", "./sops/dev", """
                decryption:
                  provider: sops
                  secretRef:
                    name: sops-age
                """));
        repo.write("sops/dev/kustomization.yaml", "resources: [namespace.yaml, credentials.sops.yaml]\n");
        repo.write("sops/dev/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "
                + SOPS_NAMESPACE + "\n");
        repo.write("sops/dev/credentials.sops.yaml", SopsWriter.encryptSecret(Map.of("apiVersion", "v1",
                "kind", "Secret", "metadata", Map.of("name", "sops-credentials", "namespace", SOPS_NAMESPACE),
                "type", "Opaque", "stringData", Map.of("password", SOPS_PASSWORD)), age.recipient()));
        sha = EndToEndFleet.commit(repo, "A release whose Secret comes from the repository's Secret, and a Secret"
                + " committed SOPS-encrypted");
        given.watch("secrets-stay-secret", repo.dir().toString());

        privateServer = GitHttpServer.serve(work, "ci-bot", SOURCE_TOKEN);
        String withToken = privateServer.url("fleet").replace("http://", "http://ci-bot:" + SOURCE_TOKEN + "@");
        HttpResponse<String> added = send(HttpRequest.newBuilder(URI.create(stack.gitWatcherUrl() + "/api/sources"))
                .header("Authorization", "Bearer " + stack.apiToken()).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(Map.of(
                        "id", "secrets-private", "repository", withToken, "webhookSecret", SOURCE_HOOK_SECRET,
                        "paths", List.of("nothing-rendered-here"), "pollIntervalSeconds", 3600)))).build());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    @AfterAll
    static void close() {
        if (dev != null) {
            dev.close();
        }
        if (privateServer != null) {
            privateServer.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    void noTopicTableLogOrApiResponseHoldsASecretValueOrASourceCredential() throws Exception {
        await().atMost(ARRIVAL).untilAsserted(() -> {
            Secret applied = dev.secrets().inNamespace(NAMESPACE).withName(RELEASE + "-credentials").get();
            assertThat(applied).as("the chart's Secret on dev").isNotNull();
            assertThat(applied.getData()).containsEntry("password", base64(PASSWORD))
                    .containsEntry("url", base64("postgres://app:" + PASSWORD + "@db/app"));
        });
        await().atMost(ARRIVAL).untilAsserted(() -> {
            Secret decrypted = dev.secrets().inNamespace(SOPS_NAMESPACE).withName("sops-credentials").get();
            assertThat(decrypted).as("the Secret committed SOPS-encrypted, on dev").isNotNull();
            assertThat(decrypted.getData()).containsEntry("password", base64(SOPS_PASSWORD));
        });
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(get(stack.observerUrl() + "/api/releases/dev/"
                + NAMESPACE + "/" + RELEASE + "/history")).contains("Ready"));
        await().atMost(ARRIVAL).untilAsserted(() -> {
            JsonNode source = EventCodec.mapper().readTree(get(stack.gitWatcherUrl() + "/api/sources/secrets-private"));
            assertThat(source.path("lastFetchAt").isNull()).as("fetched with its token: %s", source).isFalse();
            assertThat(source.path("lastError").isNull()).as("%s", source).isTrue();
        });

        Map<String, String> places = new LinkedHashMap<>();
        places.putAll(topicRecords());
        places.putAll(tableRows());
        places.putAll(logs());
        places.putAll(apiResponses());

        assertThat(places).as("places searched").hasSizeGreaterThan(20);
        assertThat(String.join("\n", places.values())).as("the sealed Secret and the SOPS-encrypted one travelled")
                .contains("sealed:v1:").contains("ENC[AES256_GCM,");
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(PASSWORD, "the Secret's value");
        secrets.put(SOPS_PASSWORD, "the SOPS-encrypted Secret's value");
        secrets.put(age.identity(), "the age identity");
        secrets.put(SOURCE_TOKEN, "the source's token");
        secrets.put(SOURCE_HOOK_SECRET, "the source's webhook secret");
        for (String value : List.of(PASSWORD, SOPS_PASSWORD, age.identity(), SOURCE_TOKEN)) {
            base64Shapes(value).forEach(shape -> secrets.put(shape, "a base64 of " + secrets.get(value)));
        }
        List<String> found = new ArrayList<>();
        places.forEach((place, text) -> secrets.forEach((secret, what) -> {
            if (text.contains(secret)) {
                found.add(place + " holds " + what);
            }
        }));
        assertThat(found).isEmpty();
    }

    /** Every record of every topic: key, value and headers, gzipped parts opened. */
    private static Map<String, String> topicRecords() {
        Map<String, String> records = new LinkedHashMap<>();
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : admin.listTopics().names().get()) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                assertThat(System.nanoTime()).as("every topic read within 60 s").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text = new StringBuilder(utf8(record.key())).append('\n').append(utf8(record.value()));
                    for (Header header : record.headers()) {
                        text.append('\n').append(header.key()).append('=').append(utf8(header.value()));
                    }
                    records.put("topic " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                            revealed(text.toString()));
                }
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read the stack's topics: " + e, e);
        }
        assertThat(records.keySet()).anyMatch(place -> place.contains("rendered"));
        return records;
    }

    /** Every row of every table of every schema of the stack's database, as text. */
    private static Map<String, String> tableRows() throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        String database = URI.create(stack.databaseUrl().replaceFirst("^postgresql:", "http:")).getPath().substring(1);
        PostgresServer server = PostgresServer.locate(System.getenv(), () -> {
            throw new IllegalStateException("the stack's PostgreSQL no longer answers");
        });
        try (Connection connection = server.connect(database); Statement tables = connection.createStatement();
                ResultSet names = tables.executeQuery("select table_schema, table_name from information_schema.tables"
                        + " where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')")) {
            List<String> qualified = new ArrayList<>();
            while (names.next()) {
                qualified.add("\"" + names.getString(1) + "\".\"" + names.getString(2) + "\"");
            }
            assertThat(qualified).anyMatch(name -> name.contains("revisions"))
                    .anyMatch(name -> name.contains("followed_release")).anyMatch(name -> name.contains("registered_source"));
            for (String table : qualified) {
                try (Statement select = connection.createStatement();
                        ResultSet row = select.executeQuery("select t::text from " + table + " t")) {
                    int number = 0;
                    while (row.next()) {
                        rows.put("table " + table + " row " + ++number, revealed(row.getString(1)));
                    }
                }
            }
        }
        return rows;
    }

    private static Map<String, String> logs() throws IOException {
        Map<String, String> logs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(shared.logs())) {
            for (Path log : files.toList()) {
                logs.put("log " + log.getFileName(), revealed(Files.readString(log, StandardCharsets.ISO_8859_1)));
            }
        }
        assertThat(logs.keySet()).anyMatch(name -> name.contains("applier")).anyMatch(name -> name.contains("renderer"));
        return logs;
    }

    /** What a user reads: the observer's API and pages, the applier's history and diff, the git-watcher's sources. */
    private static Map<String, String> apiResponses() throws Exception {
        String release = "dev/" + NAMESPACE + "/" + RELEASE;
        String applier = stack.members().stream().filter(member -> member.name().equals("applier")).findFirst()
                .map(member -> "http://localhost:" + member.port()).orElseThrow();
        Map<String, String> responses = new LinkedHashMap<>();
        for (String url : List.of(stack.observerUrl() + "/api/releases", stack.observerUrl() + "/api/releases/"
                        + release + "/history", stack.observerUrl() + "/api/commits/" + sha,
                stack.observerUrl() + "/api/events?limit=1000", stack.observerUrl() + "/api/dead-letters",
                stack.observerUrl() + "/api/drift", stack.observerUrl() + "/api/clusters", stack.observerUrl() + "/",
                stack.observerUrl() + "/releases/" + release, applier + "/api/releases/" + release + "/history",
                applier + "/api/releases/" + release + "/diff", stack.gitWatcherUrl() + "/api/sources",
                stack.gitWatcherUrl() + "/api/sources/secrets-private", stack.gitWatcherUrl() + "/q/metrics")) {
            responses.put("GET " + url, revealed(get(url)));
        }
        return responses;
    }

    /** {@code text} with every gzipped base64 part in it opened and added, as deep as they go. */
    private static String revealed(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder all = new StringBuilder(text);
        Matcher gzipped = GZIPPED.matcher(text);
        while (gzipped.find()) {
            String part = gzipped.group();
            byte[] bytes;
            try {
                bytes = part.contains("-") || part.contains("_") ? Base64.getUrlDecoder().decode(part)
                        : Base64.getDecoder().decode(part);
            } catch (IllegalArgumentException e) {
                continue;
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                all.append('\n').append(revealed(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // Only base64 that opens as gzip is a compressed part; anything else is searched as it is.
            }
        }
        return all.toString();
    }

    /**
     * The three ways {@code value}'s bytes may read in base64, whatever comes before it: base64 makes three bytes of
     * four characters, so a value is found at any offset by one of its three shifted encodings.
     */
    private static List<String> base64Shapes(String value) {
        List<String> shapes = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            String encoded = base64("x".repeat(shift) + value);
            int skip = shift == 0 ? 0 : 4;
            shapes.add(encoded.substring(skip, Math.max(skip, encoded.length() - 4)));
        }
        return shapes;
    }

    private static String get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + stack.apiToken()).build());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isLessThan(300);
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot reach " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
