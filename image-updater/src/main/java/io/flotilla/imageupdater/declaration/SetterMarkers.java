package io.flotilla.imageupdater.declaration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Finds Flux v2 setter markers in a YAML file: a comment {@code # {"$imagepolicy": "<namespace>:<policy>"}}, with
 * {@code :tag}, {@code :name} or {@code :digest} after the policy for a value that holds only that, at the end of
 * the line of the scalar it marks, as Flux's setters strategy reads them. A marker that names its policy without
 * a namespace or with another field, or stands on a line with no value before it, is refused with the file and
 * line.
 */
public final class SetterMarkers {

    private static final Pattern MARKER = Pattern.compile("#\\s*\\{\\s*\"\\$imagepolicy\"\\s*:\\s*\"([^\"]*)\"\\s*}");

    private SetterMarkers() {
    }

    /** The markers of {@code yaml} (whose text is {@code text}); refused ones go to {@code errors}. */
    public static List<SetterMarker> find(YamlFile yaml, String text, List<AutomationError> errors) {
        Map<Integer, Matcher> markersByLine = new HashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int line = 0; line < lines.length; line++) {
            Matcher marker = MARKER.matcher(lines[line]);
            if (marker.find()) {
                markersByLine.put(line, marker);
            }
        }
        if (markersByLine.isEmpty()) {
            return List.of();
        }
        List<SetterMarker> found = new ArrayList<>();
        for (YamlFile.Document document : yaml.documents()) {
            document.eachValue((path, scalar) -> {
                int line = scalar.getEndMark().getLine();
                Matcher marker = markersByLine.get(line);
                if (marker != null && scalar.getStartMark().getLine() == line
                        && scalar.getEndMark().getColumn() <= marker.start()) {
                    markersByLine.remove(line);
                    marker(yaml.path(), document.index(), path, scalar, marker.group(1), line + 1, errors)
                            .ifPresent(found::add);
                }
            });
        }
        markersByLine.keySet().stream().sorted().forEach(line -> errors.add(new AutomationError(yaml.path(), null,
                yaml.path() + ":" + (line + 1) + ": the setter marker " + markersByLine.get(line).group()
                        + " follows no value on its line: put it after the value to set, as image: app:1.0 # {...}")));
        return found;
    }

    private static Optional<SetterMarker> marker(String file, int document, List<String> path,
            ScalarNode scalar, String reference, int line, List<AutomationError> errors) {
        String[] parts = reference.split(":", -1);
        String problem = null;
        ValueForm form = ValueForm.IMAGE;
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            problem = "names no policy as <namespace>:<policy>";
        } else if (parts.length == 3) {
            switch (parts[2].toLowerCase(Locale.ROOT)) {
                case "tag" -> form = ValueForm.TAG;
                case "name" -> form = ValueForm.NAME;
                case "digest" -> form = ValueForm.DIGEST;
                default -> problem = "asks for '" + parts[2] + "', which is none of tag, name, digest";
            }
        }
        if (problem != null) {
            errors.add(new AutomationError(file, null, file + ":" + line + ": the setter marker \"" + reference
                    + "\" " + problem));
            return Optional.empty();
        }
        return Optional.of(new SetterMarker(parts[0] + "/" + parts[1], form, file, document, path,
                scalar.getValue(), line));
    }
}
