package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void readsDurationsAsGoWritesThem() {
        assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(GoDuration.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDuration.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesWhatIsNoDurationSayingWhat() {
        assertThatThrownBy(() -> GoDuration.parse("5 minutes")).hasMessageContaining("'5 minutes' is not a duration");
        assertThatThrownBy(() -> GoDuration.parse("10")).hasMessageContaining("'10' is not a duration");
        assertThatThrownBy(() -> GoDuration.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
