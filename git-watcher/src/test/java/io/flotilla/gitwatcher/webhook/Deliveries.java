package io.flotilla.gitwatcher.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sample webhook bodies as the Git hosts send them (in test resources), and signatures made as the hosts make them. */
public final class Deliveries {

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

    /** Lower-case hex HMAC-SHA256, as GitHub, Gitea and Bitbucket Cloud sign. */
    public static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
