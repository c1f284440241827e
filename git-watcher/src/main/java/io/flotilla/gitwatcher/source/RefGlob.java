package io.flotilla.gitwatcher.source;

import java.util.regex.Pattern;

/** How tag and branch patterns read: {@code *} any characters but {@code /}, {@code ?} one of them. */
final class RefGlob {

    private RefGlob() {
    }

    static Pattern regex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
