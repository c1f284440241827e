package io.flotilla.testing.sops;

import java.util.List;

/**
 * The real {@code age} command line (Debian's {@code age} package, which {@code .ci/run} installs): key pairs from
 * {@code age-keygen}, data keys wrapped by {@code age -r <recipient> --armor}.
 */
public final class AgeCli {

    private static final String ADVICE = "install Debian's age package (.ci/run does)";

    private AgeCli() {
    }

    /** An age key pair. */
    public record KeyPair(String identity, String recipient) {
    }

    /** A new key pair, made by {@code age-keygen}. */
    public static KeyPair newKeyPair() {
        String identity = Commands.run(List.of("age-keygen"), new byte[0], null, ADVICE).lines()
                .filter(line -> line.startsWith("AGE-SECRET-KEY-1")).findFirst()
                .orElseThrow(() -> new IllegalStateException("age-keygen printed no identity"));
        String recipient = Commands.run(List.of("age-keygen", "-y"), (identity + "\n").getBytes(), null, ADVICE)
                .strip();
        return new KeyPair(identity, recipient);
    }

    /** {@code plain} encrypted to {@code recipient}, armored, as SOPS keeps it. */
    public static String encrypt(byte[] plain, String recipient) {
        return Commands.run(List.of("age", "--encrypt", "--armor", "-r", recipient), plain, null, ADVICE);
    }
}
