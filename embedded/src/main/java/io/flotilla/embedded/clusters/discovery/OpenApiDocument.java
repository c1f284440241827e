package io.flotilla.embedded.clusters.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI v2 document a simulated cluster serves at {@code /openapi/v2}, in the protobuf form Kubernetes clients
 * ask for. It names the API and defines no schema: clients that validate what they send against the server's
 * schemas before sending it (kubectl, Helm) find none for any kind and send it as they would to a server whose
 * schemas allow it, which is all a simulated cluster can say, since it checks no schema either.
 */
final class OpenApiDocument {

    /** The media type of the protobuf form, as the API server names it. */
    static final String PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static final int SWAGGER = 1;
    private static final int INFO = 2;
    private static final int TITLE = 1;
    private static final int VERSION = 2;
    private static final int LENGTH_DELIMITED = 2;

    private OpenApiDocument() {
    }

    /** The document of gnostic's {@code openapi.v2.Document}: swagger "2.0", info with title and version. */
    static byte[] protobuf(String kubernetesVersion) {
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        field(info, TITLE, "Kubernetes".getBytes(StandardCharsets.UTF_8));
        field(info, VERSION, kubernetesVersion.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        field(document, SWAGGER, "2.0".getBytes(StandardCharsets.UTF_8));
        field(document, INFO, info.toByteArray());
        return document.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        varint(out, (number << 3) | LENGTH_DELIMITED);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
    }
}
