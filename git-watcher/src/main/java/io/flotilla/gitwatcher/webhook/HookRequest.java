package io.flotilla.gitwatcher.webhook;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A webhook delivery as it arrived: headers (names in any case) and the raw body the signature covers. */
public record HookRequest(Map<String, String> headers, byte[] body) {

    public HookRequest {
        Map<String, String> byLowerName = new TreeMap<>();
        headers.forEach((name, value) -> byLowerName.put(name.toLowerCase(Locale.ROOT), value));
        headers = byLowerName;
        body = body == null ? new byte[0] : body;
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
