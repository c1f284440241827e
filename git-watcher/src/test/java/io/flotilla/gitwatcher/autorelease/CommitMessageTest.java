package io.flotilla.gitwatcher.autorelease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Messages read as Flux wrote them, so a history reads on as before. */
class CommitMessageTest {

    @Test
    void oneImageIsNamedOnTheFirstLine() {
        assertThat(CommitMessage.flux(List.of("myorg/podinfo:dev-w7ujrvbf")))
                .isEqualTo("Auto-release myorg/podinfo:dev-w7ujrvbf\n");
    }

    @Test
    void severalImagesAreListed() {
        assertThat(CommitMessage.flux(List.of("myorg/api:1.2", "myorg/podinfo:0.4.12")))
                .isEqualTo("Auto-release multiple images\n\n - myorg/api:1.2\n - myorg/podinfo:0.4.12\n");
    }

    @Test
    void aFluxTemplateListingImagesAndFilesIsRendered() {
        String template = """
                Automated image update

                Files:
                {{ range $filename, $_ := .Updated.Files -}}
                - {{ $filename }}
                {{ end -}}
                Images:
                {{ range .Updated.Images -}}
                - {{.}}
                {{ end -}}
                """;

        assertThat(CommitMessage.fromTemplate(template, List.of("myorg/api:1.2", "myorg/podinfo:0.4.12"),
                List.of("apps/api.yaml"))).contains("""
                Automated image update

                Files:
                - apps/api.yaml
                Images:
                - myorg/api:1.2
                - myorg/podinfo:0.4.12
                """);
    }

    @Test
    void aTemplateUsingWhatIsNotSupportedIsNotRendered() {
        assertThat(CommitMessage.fromTemplate("Update {{ .AutomationObject }}", List.of("a:1"), List.of()))
                .isEmpty();
    }
}
