package io.flotilla.launcher.cli;

import java.nio.file.Path;

import io.flotilla.launcher.config.CliConfig;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackAdminToken;

/**
 * The observer and the applier the commands talk to: the current server of the config file, with its token, else
 * the stack {@code ./flotilla up} runs here ({@link ServiceAddresses}) with that stack's admin token
 * ({@link StackAdminToken}). The file is read at the first call, so that
 * commands that talk to no service never read it.
 */
public final class Servers {

    private final Path configFile;
    private final Path home;
    private final Path stateDir;
    private CliConfig config;

    /**
     * @param configFile the command line's config file (it need not exist)
     * @param home       the checkout, whose {@code .env} names the local ports
     * @param stateDir   where the local stack keeps its state
     */
    public Servers(Path configFile, Path home, Path stateDir) {
        this.configFile = configFile;
        this.home = home;
        this.stateDir = stateDir;
    }

    public Endpoint observer() {
        return endpoint(Service.OBSERVER);
    }

    public Endpoint applier() {
        return endpoint(Service.APPLIER);
    }

    private Endpoint endpoint(Service service) {
        if (config == null) {
            config = CliConfig.read(configFile);
        }
        return config.current()
                .map(server -> new Endpoint(service == Service.OBSERVER ? server.observerUrl() : server.applierUrl(),
                        server.token()))
                .orElseGet(() -> new Endpoint(ServiceAddresses.of(service, home, stateDir),
                        StackAdminToken.read(stateDir).orElse(null)));
    }
}
