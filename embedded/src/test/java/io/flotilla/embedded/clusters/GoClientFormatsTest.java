package io.flotilla.embedded.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * What Go clients (Helm, kubectl) need of an API server beyond JSON: the OpenAPI v2 document they check objects
 * against before sending them, and objects written in Kubernetes' protobuf form, as Helm's release storage writes
 * its Secrets.
 */
class GoClientFormatsTest extends OnASimulatedCluster {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesAnOpenApiDocumentInProtobufThatDefinesNoSchema() throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/openapi/v2"))
                .header("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        field(info, 1, "Kubernetes".getBytes(StandardCharsets.UTF_8));
        field(info, 2, "v1.31.0".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        field(document, 1, "2.0".getBytes(StandardCharsets.UTF_8));
        field(document, 2, info.toByteArray());
        assertThat(response.body()).isEqualTo(document.toByteArray());
    }

    /** Go clients decode a list into the type its kind and group version name: Helm's {@code --wait} lists ReplicaSets. */
    @Test
    void answersAListAsItsKindsListInItsOwnGroupVersion() throws Exception {
        for (Map.Entry<String, String> expected : Map.of(
                "/apis/apps/v1/namespaces/default/replicasets", "apps/v1 ReplicaSetList",
                "/apis/batch/v1/namespaces/default/jobs", "batch/v1 JobList",
                "/api/v1/namespaces/default/secrets", "v1 SecretList").entrySet()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url()
                    + expected.getKey())).build(), HttpResponse.BodyHandlers.ofString());
            Map<?, ?> list = new ObjectMapper().readValue(response.body(), Map.class);

            assertThat(list.get("apiVersion") + " " + list.get("kind")).as(expected.getKey())
                    .isEqualTo(expected.getValue());
        }
    }

    @Test
    void storesASecretWrittenInProtobufAsTheSameSecretInJson() throws Exception {
        ByteArrayOutputStream metadata = new ByteArrayOutputStream();
        field(metadata, 1, bytes("sh.helm.release.v1.web.v1"));
        field(metadata, 11, entry(bytes("owner"), bytes("helm")));
        field(metadata, 11, entry(bytes("status"), bytes("deployed")));
        ByteArrayOutputStream secret = new ByteArrayOutputStream();
        field(secret, 1, metadata.toByteArray());
        field(secret, 2, entry(bytes("release"), new byte[] {0, (byte) 0xFF, 'H'}));
        field(secret, 3, bytes("helm.sh/release.v1"));

        HttpResponse<String> response = post("/api/v1/namespaces/default/secrets", envelope("Secret", secret));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Secret stored = client.secrets().inNamespace("default").withName("sh.helm.release.v1.web.v1").get();
        assertThat(stored.getMetadata().getLabels()).isEqualTo(Map.of("owner", "helm", "status", "deployed"));
        assertThat(stored.getType()).isEqualTo("helm.sh/release.v1");
        assertThat(Base64.getDecoder().decode(stored.getData().get("release"))).containsExactly(0, 0xFF, 'H');
    }

    @Test
    void refusesAKindItCannotReadInProtobufAsAnUnsupportedMediaType() throws Exception {
        ByteArrayOutputStream metadata = new ByteArrayOutputStream();
        field(metadata, 1, bytes("web"));
        ByteArrayOutputStream deployment = new ByteArrayOutputStream();
        field(deployment, 1, metadata.toByteArray());

        HttpResponse<String> response = post("/apis/apps/v1/namespaces/default/deployments",
                envelope("Deployment", deployment));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("only Secrets and ConfigMaps in protobuf; send JSON");
        assertThat(client.apps().deployments().inNamespace("default").withName("web").get()).isNull();
    }

    private static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.url() + path))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The k8s magic number, then runtime.Unknown: type meta (apiVersion v1 and the kind), the raw object. */
    private static byte[] envelope(String kind, ByteArrayOutputStream object) {
        ByteArrayOutputStream typeMeta = new ByteArrayOutputStream();
        field(typeMeta, 1, bytes(kind.equals("Deployment") ? "apps/v1" : "v1"));
        field(typeMeta, 2, bytes(kind));
        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        unknown.writeBytes(new byte[] {'k', '8', 's', 0});
        field(unknown, 1, typeMeta.toByteArray());
        field(unknown, 2, object.toByteArray());
        return unknown.toByteArray();
    }

    private static byte[] entry(byte[] key, byte[] value) {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        field(entry, 1, key);
        field(entry, 2, value);
        return entry.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A length-delimited protobuf field; every length here is under 128, so one byte. */
    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        out.write(number << 3 | 2);
        out.write(value.length);
        out.writeBytes(value);
    }
}
