package io.flotilla.gitwatcher.autorelease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ImageTagFound.ImageEdit;

/** Edits change the bytes of their scalars and nothing else, or are skipped with a reason a person can act on. */
class FileEditsTest {

    static final String RELEASE = """
            # podinfo for dev: keep this comment
            apiVersion: helm.fluxcd.io/v1
            kind: HelmRelease
            metadata:
              name: podinfo   # trailing comment
              annotations:
                fluxcd.io/automated: "true"
            spec:
              values:
                image:
                  repository: ghcr.io/myorg/podinfo
                  tag: "0.4.11"   # {"$imagepolicy": "dev:podinfo:tag"}
                sidecar:
                  image: 'ghcr.io/myorg/proxy:1.0'
                  version: 1.0
                  tags: [a, latest]
            ---
            kind: ConfigMap
            data:
              tag: 0.4.11
            """;

    @Test
    void aDoubleQuotedTagChangesAloneWithItsQuotesAndComment() {
        String edited = applied(RELEASE, edit(0, List.of("spec", "values", "image", "tag"), "0.4.12", "0.4.11"));

        assertThat(edited).isEqualTo(RELEASE.replace("tag: \"0.4.11\"   #", "tag: \"0.4.12\"   #"));
    }

    @Test
    void aSingleQuotedImageKeepsItsQuotes() {
        String edited = applied(RELEASE, edit(0, List.of("spec", "values", "sidecar", "image"),
                "ghcr.io/myorg/proxy:1.1", "ghcr.io/myorg/proxy:1.0"));

        assertThat(edited).isEqualTo(RELEASE.replace("'ghcr.io/myorg/proxy:1.0'", "'ghcr.io/myorg/proxy:1.1'"));
    }

    @Test
    void aPlainValueOfTheSecondDocumentStaysPlain() {
        String edited = applied(RELEASE, edit(1, List.of("data", "tag"), "0.4.12", "0.4.11"));

        assertThat(edited).isEqualTo(RELEASE.replace("  tag: 0.4.11\n", "  tag: 0.4.12\n"));
    }

    @Test
    void aPlainStringIsQuotedWhenTheNewValueWouldReadAsANumber() {
        String edited = applied(RELEASE, edit(0, List.of("spec", "values", "sidecar", "tags", "1"), "1.10", "latest"));

        assertThat(edited).isEqualTo(RELEASE.replace("[a, latest]", "[a, \"1.10\"]"));
    }

    @Test
    void aPlainNumberStaysPlainWhenTheNewValueIsANumberToo() {
        String edited = applied(RELEASE, edit(0, List.of("spec", "values", "sidecar", "version"), "1.1", "1.0"));

        assertThat(edited).isEqualTo(RELEASE.replace("version: 1.0", "version: 1.1"));
    }

    @Test
    void aValueChangedByHandSinceTheScanIsSkippedAndTheFileLeftAsItIs() {
        FileEdits.Result result = FileEdits.apply(bytes(RELEASE),
                List.of(edit(0, List.of("spec", "values", "image", "tag"), "0.4.12", "0.4.10")));

        assertThat(result.content()).isEmpty();
        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.result()).isEqualTo(EditOutcome.Result.SKIPPED);
            assertThat(outcome.reason()).contains("reads '0.4.11', not '0.4.10'");
        });
    }

    @Test
    void aValueAlreadySetChangesNothing() {
        FileEdits.Result result = FileEdits.apply(bytes(RELEASE),
                List.of(edit(1, List.of("data", "tag"), "0.4.11", "0.4.10")));

        assertThat(result.content()).isEmpty();
        assertThat(result.outcomes()).singleElement()
                .extracting(EditOutcome::result).isEqualTo(EditOutcome.Result.ALREADY_SET);
    }

    @Test
    void aPathTheFileNoLongerHasIsSkippedNamingIt() {
        FileEdits.Result result = FileEdits.apply(bytes(RELEASE),
                List.of(edit(0, List.of("spec", "values", "worker", "tag"), "2", "1")));

        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.result()).isEqualTo(EditOutcome.Result.SKIPPED);
            assertThat(outcome.reason()).isEqualTo("has no spec.values.worker");
        });
    }

    @Test
    void twoEditsOfOneFileAreBothMadeEveryOtherByteKept() {
        String text = "a: \u00e9t\u00e9 \ud83d\ude00\nimage: one:1 # c\nother: two:1\n";
        String edited = applied(text, edit(0, List.of("image"), "one:22", "one:1"),
                edit(0, List.of("other"), "two:333", "two:1"));

        assertThat(edited).isEqualTo("a: \u00e9t\u00e9 \ud83d\ude00\nimage: one:22 # c\nother: two:333\n");
    }

    static ImageEdit edit(int document, List<String> path, String value, String expected) {
        return new ImageEdit("fleet", "main", "releases/dev/podinfo.yaml", document, path, value, expected,
                "dev/podinfo", null, null, null);
    }

    private static String applied(String text, ImageEdit... edits) {
        FileEdits.Result result = FileEdits.apply(bytes(text), List.of(edits));
        assertThat(result.outcomes()).allSatisfy(o -> assertThat(o.result()).isEqualTo(EditOutcome.Result.CHANGED));
        return new String(result.content().orElseThrow(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
