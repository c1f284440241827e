package io.flotilla.gitwatcher.autorelease;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A scalar as the file holds it: its value, where its text (quotes included) starts and ends, as char offsets into
 * the file's text, its quoting style, and the type YAML gives it ({@code str}, {@code float}...).
 */
record YamlScalar(String value, int start, int end, ScalarStyle style, Tag tag) {
}
