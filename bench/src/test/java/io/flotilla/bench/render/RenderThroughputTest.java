package io.flotilla.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderThroughputTest {

    @TempDir
    Path temp;

    @Test
    void rendersEveryReleaseOnceThenOnlyTheOneThatChangedThenNothing() throws Exception {
        RenderThroughput.Result result = RenderThroughput.run(temp, 5, 0, 10);

        assertThat(result.rendered()).isEqualTo(5);
        assertThat(result.renderedAfterOneChange()).isEqualTo(1);
        assertThat(result.renderedAfterNoChange()).isZero();
    }
}
