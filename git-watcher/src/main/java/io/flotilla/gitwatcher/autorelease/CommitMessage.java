package io.flotilla.gitwatcher.autorelease;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Auto-release commit's message. By default as Flux v1 wrote it, so that a history reads on as before:
 * {@code Auto-release myorg/podinfo:0.4.12} for one image, and for several
 * {@code Auto-release multiple images}, a blank line and one {@code  - image:tag} line each, sorted. A Flux v2
 * {@code messageTemplate} is rendered for the parts of Go's template language automations use to list what
 * changed: {@code {{range .Updated.Images}}} and {@code {{range .Updated.Files}}} with {@code {{.}}} (or the
 * range's variable) or {@code {{println .}}} inside, trim markers ({@code {{-}}, {@code -}}}) included. A template that uses anything else
 * cannot be rendered faithfully: the default message is written instead, and the caller says so.
 */
final class CommitMessage {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(-?)\\s*(.*?)\\s*(-?)}}", Pattern.DOTALL);
    private static final Pattern RANGE = Pattern.compile("range\\s+(?:\\$\\w+\\s*(?:,\\s*\\$\\w+\\s*)?:=\\s*)?"
            + "\\.Updated\\.(Images|Files)");

    private CommitMessage() {
    }

    /** @param images the changed images as {@code repository:tag}, sorted and without repeats */
    static String flux(List<String> images) {
        if (images.size() == 1) {
            return "Auto-release " + images.get(0) + "\n";
        }
        StringBuilder message = new StringBuilder("Auto-release multiple images\n\n");
        images.forEach(image -> message.append(" - ").append(image).append('\n'));
        return message.toString();
    }

    /** The template rendered, or empty when it uses what is not supported. */
    static Optional<String> fromTemplate(String template, List<String> images, List<String> files) {
        StringBuilder out = new StringBuilder();
        Matcher action = ACTION.matcher(template);
        int at = 0;
        List<String> range = null;
        StringBuilder body = null;
        while (action.find()) {
            String text = template.substring(at, action.start());
            if (!action.group(1).isEmpty()) {
                text = text.stripTrailing();
            }
            (body != null ? body : out).append(text);
            at = action.end();
            if (!action.group(3).isEmpty()) {
                while (at < template.length() && Character.isWhitespace(template.charAt(at))) {
                    at++;
                }
            }
            String expression = action.group(2);
            Matcher ranged = RANGE.matcher(expression);
            if (body == null && ranged.matches()) {
                range = ranged.group(1).equals("Images") ? images : files;
                body = new StringBuilder();
            } else if (body != null && expression.equals("end")) {
                String item = body.toString();
                range.forEach(value -> out.append(item.replace("\u0000", value)));
                body = null;
            } else if (body != null && (expression.equals(".") || expression.matches("\\$\\w+"))) {
                body.append('\u0000');
            } else if (body != null && expression.equals("println .")) {
                body.append("\u0000\n");
            } else {
                return Optional.empty();
            }
        }
        if (body != null) {
            return Optional.empty();
        }
        out.append(template.substring(at));
        return Optional.of(out.toString());
    }
}
