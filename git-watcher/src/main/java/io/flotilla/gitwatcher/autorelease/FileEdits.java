package io.flotilla.gitwatcher.autorelease;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.flotilla.events.ImageTagFound.ImageEdit;

/**
 * The edits of one file applied to its bytes. Every scalar is found in the file as it was, then replaced from the
 * last to the first, so that no replacement moves another's place; every byte outside the scalars is kept. An edit
 * whose scalar reads neither the value the image-updater saw ({@code expected}) nor the new one is skipped: a person
 * changed it, and their change stays.
 */
final class FileEdits {

    /** The file's new bytes, when any edit changed it, and what became of each edit. */
    record Result(Optional<byte[]> content, List<EditOutcome> outcomes) {
    }

    private record Replacement(YamlScalar scalar, String text) {
    }

    private FileEdits() {
    }

    static Result apply(byte[] content, List<ImageEdit> edits) {
        List<EditOutcome> outcomes = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            edits.forEach(edit -> outcomes.add(EditOutcome.skipped(edit, "the file is not UTF-8 text")));
            return new Result(Optional.empty(), outcomes);
        }
        List<Replacement> replacements = new ArrayList<>();
        for (ImageEdit edit : edits) {
            try {
                YamlScalar scalar = YamlScalars.find(text, edit.document(), edit.path());
                if (scalar.value().equals(edit.value())) {
                    outcomes.add(EditOutcome.alreadySet(edit));
                } else if (!scalar.value().equals(edit.expected())) {
                    outcomes.add(EditOutcome.skipped(edit, "reads '" + scalar.value() + "', not '" + edit.expected()
                            + "' as when the image was found: changed by hand since, left as it is"));
                } else if (replacements.stream().anyMatch(other -> other.scalar().start() == scalar.start())) {
                    outcomes.add(EditOutcome.skipped(edit, "is set to another value by an edit of the same commit"));
                } else {
                    replacements.add(new Replacement(scalar, ScalarText.write(edit.value(), scalar)));
                    outcomes.add(EditOutcome.changed(edit));
                }
            } catch (EditRefusedException e) {
                outcomes.add(EditOutcome.skipped(edit, e.getMessage()));
            }
        }
        if (replacements.isEmpty()) {
            return new Result(Optional.empty(), outcomes);
        }
        StringBuilder edited = new StringBuilder(text);
        replacements.stream().sorted(Comparator.comparingInt((Replacement r) -> r.scalar().start()).reversed())
                .forEach(r -> edited.replace(r.scalar().start(), r.scalar().end(), r.text()));
        return new Result(Optional.of(edited.toString().getBytes(StandardCharsets.UTF_8)), outcomes);
    }
}
