package io.flotilla.embedded.clusters.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an object a client sent in Kubernetes' protobuf form ({@code application/vnd.kubernetes.protobuf}) into the
 * JSON form the simulated cluster stores. Go clients built on client-go's typed clientsets write that way; Helm's
 * release storage does, for the Secrets (or ConfigMaps) that hold its releases. So those two kinds are read, with
 * the metadata a client sets (name, generateName, namespace, labels, annotations, finalizers); any other kind is
 * refused as a media type this server does not take.
 */
public final class ProtobufObjects {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProtobufObjects() {
    }

    /** The object of a protobuf request body, as JSON. */
    public static ObjectNode toJson(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw ApiStatus.badRequest("the body of the request is not a Kubernetes protobuf object: it does not "
                    + "start with the k8s magic number");
        }
        String apiVersion = "";
        String kind = "";
        byte[] raw = new byte[0];
        Reader envelope = new Reader(Arrays.copyOfRange(body, MAGIC.length, body.length));
        while (envelope.more()) {
            int field = envelope.field();
            if (field == 1) {
                Reader typeMeta = envelope.message();
                while (typeMeta.more()) {
                    switch (typeMeta.field()) {
                        case 1 -> apiVersion = typeMeta.string();
                        case 2 -> kind = typeMeta.string();
                        default -> typeMeta.skip();
                    }
                }
            } else if (field == 2) {
                raw = envelope.bytes();
            } else {
                envelope.skip();
            }
        }
        ObjectNode object = JSON.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        if (!apiVersion.equals("v1") || !List.of("Secret", "ConfigMap").contains(kind)) {
            throw ApiStatus.unsupportedMediaType(MEDIA_TYPE + " for " + apiVersion + " " + kind
                    + " (a simulated cluster reads only Secrets and ConfigMaps in protobuf; send JSON)");
        }
        Reader fields = new Reader(raw);
        while (fields.more()) {
            int field = fields.field();
            if (field == 1) {
                object.set("metadata", metadata(fields.message()));
            } else if (kind.equals("Secret")) {
                secretField(field, fields, object);
            } else {
                configMapField(field, fields, object);
            }
        }
        return object;
    }

    private static void secretField(int field, Reader fields, ObjectNode secret) {
        switch (field) {
            case 2 -> entry(fields.message(), secret.withObject("/data"), true);
            case 3 -> secret.put("type", fields.string());
            case 4 -> entry(fields.message(), secret.withObject("/stringData"), false);
            case 5 -> secret.put("immutable", fields.varint() != 0);
            default -> fields.skip();
        }
    }

    private static void configMapField(int field, Reader fields, ObjectNode configMap) {
        switch (field) {
            case 2 -> entry(fields.message(), configMap.withObject("/data"), false);
            case 3 -> entry(fields.message(), configMap.withObject("/binaryData"), true);
            case 4 -> configMap.put("immutable", fields.varint() != 0);
            default -> fields.skip();
        }
    }

    private static ObjectNode metadata(Reader fields) {
        ObjectNode metadata = JSON.objectNode();
        while (fields.more()) {
            switch (fields.field()) {
                case 1 -> metadata.put("name", fields.string());
                case 2 -> metadata.put("generateName", fields.string());
                case 3 -> metadata.put("namespace", fields.string());
                case 6 -> metadata.put("resourceVersion", fields.string());
                case 11 -> entry(fields.message(), metadata.withObject("/labels"), false);
                case 12 -> entry(fields.message(), metadata.withObject("/annotations"), false);
                case 14 -> metadata.withArray("finalizers").add(fields.string());
                default -> fields.skip();
            }
        }
        return metadata;
    }

    /** One entry of a protobuf map: key 1, value 2; a bytes value is Base64 in JSON, as the API server writes it. */
    private static void entry(Reader entry, ObjectNode into, boolean bytes) {
        String key = "";
        String value = "";
        while (entry.more()) {
            switch (entry.field()) {
                case 1 -> key = entry.string();
                case 2 -> value = bytes ? Base64.getEncoder().encodeToString(entry.bytes()) : entry.string();
                default -> entry.skip();
            }
        }
        into.put(key, value);
    }

    /** The protobuf wire format, as far as these messages use it. */
    private static final class Reader {

        private static final int VARINT = 0;
        private static final int FIXED64 = 1;
        private static final int LENGTH_DELIMITED = 2;
        private static final int FIXED32 = 5;

        private final byte[] bytes;
        private int position;
        private int wireType;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean more() {
            return position < bytes.length;
        }

        /** The number of the next field; its value is read next. */
        int field() {
            long tag = varint();
            wireType = (int) (tag & 0x7);
            return (int) (tag >>> 3);
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte next = next();
                value |= (long) (next & 0x7F) << shift;
                if ((next & 0x80) == 0) {
                    return value;
                }
            }
            throw ApiStatus.badRequest("the body of the request is not valid protobuf: a varint runs over 64 bits");
        }

        byte[] bytes() {
            int length = (int) varint();
            if (length < 0 || position + length > bytes.length) {
                throw ApiStatus.badRequest("the body of the request is not valid protobuf: a field runs past its end");
            }
            byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            return new Reader(bytes());
        }

        void skip() {
            switch (wireType) {
                case VARINT -> varint();
                case FIXED64 -> advance(8);
                case LENGTH_DELIMITED -> bytes();
                case FIXED32 -> advance(4);
                default -> throw ApiStatus.badRequest("the body of the request is not valid protobuf: wire type "
                        + wireType);
            }
        }

        private void advance(int count) {
            if (position + count > bytes.length) {
                throw ApiStatus.badRequest("the body of the request is not valid protobuf: a field runs past its end");
            }
            position += count;
        }

        private byte next() {
            if (position >= bytes.length) {
                throw ApiStatus.badRequest("the body of the request is not valid protobuf: it ends inside a field");
            }
            return bytes[position++];
        }
    }
}
