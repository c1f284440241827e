package io.flotilla.gitwatcher.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sample webhook bodies as the Git hosts send them (in test resources), and signatures made as the hosts make them. */
public final class Deliveries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    /** The sample {@code webhooks/<name>.json}, with every occurrence of {@code from} replaced by {@code to}. */
    public static byte[] sample(String name, String from, String to) {
        try (InputStream in = Deliveries.class.getResourceAsStream("/webhooks/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample webhooks/" + name + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(from, to)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] sample(String name) {
        return sample(name, "", "");
    }

    /** {@code body}, a JSON object, with {@code edit} applied: a sample turned into another kind of delivery. */
    public static byte[] edited(byte[] body, Consumer<ObjectNode> edit) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(body);
            edit.accept(json);
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lower-case hex HMAC-SHA256, as GitHub, Gitea and Bitbucket Cloud sign. */
    public static String hmacSha256(String secret, byte[] body) {
        return Secrets.hmacSha256(secret, body);
    }
}
