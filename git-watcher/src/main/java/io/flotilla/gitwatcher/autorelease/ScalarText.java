package io.flotilla.gitwatcher.autorelease;

import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * How a new value is written in place of an old scalar: in the old one's quoting style, so that a diff shows the
 * value and nothing else. A plain scalar stays plain only when the new value reads back as the same text and the
 * same type ({@code 1.10} after {@code latest} would become the number 1.1 to a YAML reader): otherwise it is
 * written double-quoted. Block scalars ({@code |}, {@code >}) hold no image tags and are refused.
 */
final class ScalarText {

    /** Characters a plain scalar may hold in any context (image names, tags, digests), starting with a safe one. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*");

    private static final Resolver TYPES = new Resolver();

    private ScalarText() {
    }

    static String write(String value, YamlScalar old) {
        ScalarStyle style = old.style();
        if (style == ScalarStyle.PLAIN) {
            return plainReadsBack(value, old.tag()) ? value : doubleQuoted(value);
        }
        if (style == ScalarStyle.SINGLE_QUOTED) {
            return "'" + value.replace("'", "''") + "'";
        }
        if (style == ScalarStyle.DOUBLE_QUOTED) {
            return doubleQuoted(value);
        }
        throw new EditRefusedException("holds a block scalar (| or >), which an image value never is");
    }

    private static boolean plainReadsBack(String value, Tag oldTag) {
        return PLAIN.matcher(value).matches() && !value.endsWith(":")
                && TYPES.resolve(NodeId.scalar, value, true).equals(oldTag);
    }

    private static String doubleQuoted(String value) {
        StringBuilder text = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        text.append(String.format("\\x%02x", c));
                    } else {
                        text.appendCodePoint(c);
                    }
                }
            }
        });
        return text.append('"').toString();
    }
}
