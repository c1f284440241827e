package io.flotilla.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.embedded.kafka.KafkaBrokerMain;
import io.flotilla.embedded.kafka.RecordRoundTrip;
import io.flotilla.embedded.launch.ChildJvm;
import io.flotilla.embedded.net.LocalPorts;

class KafkaBrokerMainTest {

    @TempDir
    Path tmp;

    @Test
    void announcesItsAddressServesClientsAndStopsCleanlyOnSigterm() throws Exception {
        try (ChildJvm process = ChildJvm.start(KafkaBrokerMain.class, tmp.resolve("stderr.log"),
                "--data-dir", tmp.resolve("kafka").toString(), "--port", "0")) {
            String ready = process.readLine();
            assertThat(ready).startsWith("KAFKA READY 127.0.0.1:");
            String bootstrap = ready.substring("KAFKA READY ".length());

            RecordRoundTrip.produce(bootstrap, "launcher", "k", "from the launcher's broker");
            assertThat(RecordRoundTrip.consume(bootstrap, "launcher", 1))
                    .extracting(ConsumerRecord::value).containsExactly("from the launcher's broker");

            assertThat(process.terminate()).isEqualTo(143);
            int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
            assertThat(LocalPorts.isListening(port)).isFalse();
        }
    }
}
