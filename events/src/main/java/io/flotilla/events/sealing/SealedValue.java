package io.flotilla.events.sealing;

/**
 * A value as sealed: {@code sealed:v1:<key id>:<wrapped data key>:<nonce and ciphertext>}, both in URL-safe base64
 * without padding. Self-contained, so that it can sit wherever the clear value sat (a Secret's data, a column) and
 * be opened there by a service that holds the key ring, whatever carried it on the way.
 */
record SealedValue(String keyId, String wrappedKey, String ciphertext) {

    static final String PREFIX = "sealed:v1:";

    static SealedValue parse(String sealed) {
        if (!KeyRing.isSealed(sealed)) {
            throw new SealingException("not a sealed value (no " + PREFIX + " prefix)");
        }
        String[] parts = sealed.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3 || !KeyRing.ID.matcher(parts[0]).matches() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new SealingException("a sealed value is " + PREFIX + "<key id>:<data key>:<ciphertext>; this one is "
                    + "cut or altered");
        }
        return new SealedValue(parts[0], parts[1], parts[2]);
    }

    String text() {
        return PREFIX + keyId + ":" + wrappedKey + ":" + ciphertext;
    }
}
