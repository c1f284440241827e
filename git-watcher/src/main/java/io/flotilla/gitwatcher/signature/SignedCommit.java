package io.flotilla.gitwatcher.signature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A commit object split as Git signs it: the signature from its {@code gpgsig} header, and the signed
 * payload, which is the raw commit with that header (and its continuation lines) taken out.
 */
record SignedCommit(byte[] payload, byte[] signature) {

    private static final String HEADER = "gpgsig ";

    /** Empty when the commit carries no {@code gpgsig} header. */
    static Optional<SignedCommit> of(byte[] raw) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(raw.length);
        StringBuilder signature = null;
        boolean inSignature = false;
        boolean inHeaders = true;
        int start = 0;
        while (start < raw.length) {
            int end = indexOf(raw, (byte) '\n', start);
            int next = end < 0 ? raw.length : end + 1;
            if (inHeaders) {
                String line = new String(raw, start, (end < 0 ? raw.length : end) - start, StandardCharsets.UTF_8);
                if (line.isEmpty()) {
                    inHeaders = false;
                    inSignature = false;
                } else if (inSignature && line.startsWith(" ")) {
                    signature.append('\n').append(line, 1, line.length());
                    start = next;
                    continue;
                } else if (signature == null && line.startsWith(HEADER)) {
                    signature = new StringBuilder(line.substring(HEADER.length()));
                    inSignature = true;
                    start = next;
                    continue;
                } else {
                    inSignature = false;
                }
            }
            payload.write(raw, start, next - start);
            start = next;
        }
        if (signature == null) {
            return Optional.empty();
        }
        return Optional.of(new SignedCommit(payload.toByteArray(),
                (signature + "\n").getBytes(StandardCharsets.US_ASCII)));
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
