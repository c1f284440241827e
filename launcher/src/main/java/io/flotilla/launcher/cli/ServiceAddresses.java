package io.flotilla.launcher.cli;

import java.nio.file.Path;
import java.util.Optional;

import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.ServicePorts;
import io.flotilla.launcher.stack.StackState;

/**
 * Where the services answer: the ports of the stack {@code ./flotilla up} started here, else the ports the checkout's
 * {@value ServicePorts#FILE} defines (as {@code docker compose} uses them), on localhost.
 */
public final class ServiceAddresses {

    private ServiceAddresses() {
    }

    /** The base URL of {@code service}, such as {@code http://localhost:8083}. */
    public static String of(Service service, Path home, Path stateDir) {
        Optional<StackState> running = StackState.read(stateDir).filter(StackState::anyAlive);
        if (service == Service.OBSERVER && running.isPresent()) {
            return running.get().observerUrl();
        }
        int port = running.flatMap(state -> state.members().stream()
                        .filter(member -> member.name().equals(service.module())).findFirst())
                .map(StackState.Member::port)
                .orElseGet(() -> ServicePorts.read(home).of(service));
        return "http://localhost:" + port;
    }
}
