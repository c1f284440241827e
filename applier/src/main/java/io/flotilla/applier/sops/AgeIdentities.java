package io.flotilla.applier.sops;

import java.util.ArrayList;
import java.util.List;

/** Age identity files as age and SOPS read them: one {@code AGE-SECRET-KEY-1...} a line, {@code #} comments. */
public final class AgeIdentities {

    private AgeIdentities() {
    }

    /**
     * @param origin names where the text came from in a failure (a setting, a Secret's key)
     * @throws SopsException naming {@code origin} and the line, never the key
     */
    public static List<AgeIdentity> parse(String text, String origin) {
        List<AgeIdentity> identities = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                identities.add(AgeIdentity.parse(line));
            } catch (IllegalArgumentException e) {
                throw new SopsException(origin + ", line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return identities;
    }
}
