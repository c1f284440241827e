package io.flotilla.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flotilla.launcher.bootstrap.Bootstrap;
import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.cli.Arguments;
import io.flotilla.launcher.cli.ClusterCommand;
import io.flotilla.launcher.cli.DeadLetterCommand;
import io.flotilla.launcher.cli.DescribeCommand;
import io.flotilla.launcher.cli.DiffCommand;
import io.flotilla.launcher.cli.Endpoint;
import io.flotilla.launcher.cli.GetCommand;
import io.flotilla.launcher.cli.HistoryCommand;
import io.flotilla.launcher.cli.InstanceCounts;
import io.flotilla.launcher.cli.LogsCommand;
import io.flotilla.launcher.cli.ReconcileCommand;
import io.flotilla.launcher.cli.RollbackCommand;
import io.flotilla.launcher.cli.RolloutCommand;
import io.flotilla.launcher.cli.Servers;
import io.flotilla.launcher.cli.SuspendCommand;
import io.flotilla.launcher.config.ConfigCommand;
import io.flotilla.launcher.config.ConfigLocation;
import io.flotilla.launcher.image.ImageCommand;
import io.flotilla.launcher.stack.LocalStack;
import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackAdminToken;
import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackOptions;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.launcher.stack.StackWebhookSecret;
import io.flotilla.launcher.status.ObserverClient;
import io.flotilla.launcher.status.ReleaseTable;

/** {@code ./flotilla}: runs Flotilla on this machine, shows what it does, measures it. */
public final class FlotillaCli {

    static final String USAGE = """
            Usage: ./flotilla [--config FILE] <command> [options]

            The commands that talk to Flotilla talk to the server in use in the config file (--config FILE, else
            $FLOTILLA_CONFIG, else ~/.config/flotilla/config), sending its token; without one, to the stack here.

              up      Start Flotilla here: Kafka, PostgreSQL, simulated clusters, every service.
                        --repo PATH_OR_URL   Git repository to watch (default: the example fleet, copied to .flotilla/fleet)
                        --branch NAME        branch to watch (default: main)
                        --clusters a,b       simulated clusters, each labelled env=<name> (default: dev,stg,prod)
                        --kubeconfig FILE    manage the clusters of this kubeconfig instead of simulated ones
                        --context NAME       with --kubeconfig: only this context (repeatable)
                        --port N             API and dashboard port (default: FLOTILLA_OBSERVER_PORT in .env)
                        --spare-clusters N   also start N simulated clusters that are not registered (contexts
                                             spare-1..N in .flotilla/spare-kubeconfig), to add with 'cluster add'
                        --instances N        run N processes of every service, as pods of one Deployment (or per
                                             service: --instances renderer=2,applier=2; the others run once)
              down    Stop everything 'up' started.
              bootstrap --fleet DIR --cluster NAME --kafka HOST:PORT --postgresql HOST:PORT/DB --repository URL
                        [--branch B] [--source NAMESPACE/NAME] [--instances N|SERVICE=N,...]
                      Write Flotilla's own installation into a fleet checkout (charts/flotilla and
                      clusters/NAME/flotilla-system/), so Flotilla manages itself from Git.
              status  Releases per cluster, as the observer knows them.
              config set-server NAME (--gateway URL | --observer URL --applier URL) [--token TOKEN]
                      Add or replace a remote Flotilla in the config file (the first one added is used).
              config use NAME|local
                      Talk to that server from now on; local: to the stack ./flotilla up runs here.
              config view
                      The config file, tokens hidden.
              get releases [--cluster C] [--namespace N] [--tenant T] [--status S] [-o table|json|yaml]
                      Releases as the observer knows them, narrowed to a cluster, namespace, tenant or status (Ready,
                      Failed, Progressing, Drifted...); -o json or yaml prints every field the API gives.
              get clusters [-o table|json|yaml]
                      Registered clusters: labels, source, reachable, releases ready.
              describe release <cluster>/<namespace>/<name> [-o table|json|yaml]
                      One release in full: status and whole message, last reconcile, drift (objects, fields, who
                      changed them), its latest revisions and events.
              get previews [-o table|json|yaml]
                      Pull requests and branches previewed, newest first: commit, state, releases changed, refused,
                      breaking tenant rules, not rendering.
              describe preview <id> [-o table|json|yaml]
                      One preview in full (the id 'get previews' lists, or <repository>#<number>): what stands in the
                      way (refusals and their reasons, tenant rules broken), render errors, each cluster's releases
                      and the objects and fields that change.
              history <cluster>/<namespace>/<name> [-o table|json|yaml]
                      The release's revisions as the applier recorded them, newest first.
              diff <cluster>/<namespace>/<name> [-o table|json|yaml]
                      What the next reconcile would change on the cluster (a server-side dry run): objects created,
                      changed field by field, pruned; Secret values hidden. Exit 0 if nothing, 3 if something.
              logs <cluster>/<namespace>/<name> [-o table|json|yaml]
                      The release's journey: every event about it, newest first, with the correlation id of the
                      commit, drift or image that caused it.
              reconcile <cluster>/<namespace>/<name> | --cluster NAME | --all [--wait [--timeout 5m]]
                      Ask the applier to reconcile one release, a cluster's releases or the whole fleet now; with
                      --wait, follow them until each was reconciled (exit code 1 if one is Failed or time ran out).
              suspend release <cluster>/<namespace>/<name> | --cluster NAME [--reason TEXT] [--by NAME]
                      Apply nothing to the release (or every release of the cluster) and correct none of its drift
                      until it is resumed; renderings that come meanwhile are kept. Recorded with who, when and why,
                      shown as Suspended.
              resume release <cluster>/<namespace>/<name> | --cluster NAME
                      End a suspension: the newest rendering is applied at once.
              suspensions [--cluster NAME] [-o table|json|yaml]
                      The releases suspended now: who suspended them, since when, why.
              rollback <cluster>/<namespace>/<name> REVISION
                      Apply the objects of an earlier Ready revision again as a new revision ("Rollback to N"), as
                      helm rollback; it stays until a new commit changes the release.
              dead-letters [replay ID]
                      Records a service could never process; replay puts one back on the topic it came from.
              cluster add NAME --kubeconfig FILE [--context C] [--label key=value]...
                      Register a cluster while Flotilla runs: the context C of FILE (default: its current context),
                      read here with the files it names, is sent to the observer; every service takes it up.
              cluster list
                      Every registered cluster: labels, source, reachable, releases ready of those rendered for it.
              cluster label NAME key=value [key2=value2] [key-]...
                      Set (key=value) or remove (key-) labels of a registered cluster.
              cluster remove NAME [--uninstall]
                      Stop working on a cluster. What Flotilla deployed there stays, unless --uninstall.
              rollout status
                      Renderings the applier holds at a wave gate: waiting for the wave before, or halted by a failure.
              rollout resume [--release NAMESPACE/NAME] [--cluster NAME]
                      Open the gate of the halted renderings (all of them when neither option is given).
              image build [--push PREFIX [--insecure]] [--tar DIR] [--tag TAG] [SERVICE]...
                      Build the services' container images without a Docker engine (all of them unless named):
                      PREFIX/<service>:TAG pushed to a registry (credentials from ~/.docker/config.json; --insecure
                      allows plain HTTP), or DIR/<service>.tar as OCI tarballs. TAG defaults to Flotilla's version.
              bench   Measure (the bench module); the first option picks what (default --stack):
                        --stack   the whole stack, commit to applied: --releases N (100) --clusters M (2) --commits K (20)
                        --git     git-watcher, signed webhook to CommitDetected and idle CPU: --files (1000) --history (10000) --pushes (50) --idle-sources (50) --idle-seconds (60)
                        --observer  the observer on a big fleet: --clusters M (50) --objects N per cluster (2000) --releases R (1000) --drifts D (100)
                        --render-only  the renderer alone against helm-java's template in a plain loop: --releases N (1000)
                        --kustomizations  Flux Kustomizations rendered against kustomize alone on the same folders: --kustomizations N (1000)
                        --apply   the applier: cold apply, no-op replay, one cluster unreachable: --releases N (1000) --clusters M (10) --compare-releases K (200) --warm-up-releases W (300)
                        --reconcile  the reconciler: no-op reconciles, a wiped cluster rebuilt, the applier killed mid-sync: --releases N (1000) --warm-up-releases W
                        --fleet   clusters x releases cold, a cluster joining, one value changed on every cluster: --clusters M (50) --releases N (200)
                        --split   the same cold sync with one, then two instances of the renderer and the applier: wall clock, CPU seconds per instance, memory per process: --releases N (200) --clusters M (2)
                        --pull-secrets  registry-secrets: coverage, a rotation, a new namespace: --clusters M (20) --namespaces N per cluster (500)
                        --images  image push to Auto-release commit and to applied (webhook, poll), registry requests per scan, idle CPU: --pushes N (20) --releases R (200) --repositories K (50) --clusters M (2) --poll-seconds P (10) --idle-seconds S (60)

            Exit codes: 0 done; 1 Flotilla refused, did not answer, or a file could not be used (the message says
            why); 2 a mistake in the command line (the message says which, then this help).
            """;

    private FlotillaCli() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs one command line as {@link #main} does, printing to {@code out} and {@code err}; its exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || Set.of("help", "--help", "-h").contains(args.get(0))) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        Path home = Path.of(System.getProperty("flotilla.home", ".")).toAbsolutePath().normalize();
        Path stateDir = home.resolve(".flotilla");
        String command = args.get(0);
        try {
            List<String> withoutConfig = withoutConfigOption(args);
            Path configFile = ConfigLocation.of(configOption(args), System.getenv());
            if (withoutConfig.isEmpty()) {
                throw new UsageException("--config FILE goes before a command");
            }
            command = withoutConfig.get(0);
            if (Set.of("help", "--help", "-h").contains(command)) {
                out.print(USAGE);
                return 0;
            }
            List<String> rest = withoutConfig.subList(1, withoutConfig.size());
            Servers servers = new Servers(configFile, home, stateDir);
            return switch (command) {
                case "up" -> up(home, stateDir, rest, out);
                case "down" -> down(stateDir, rest, out);
                case "status" -> status(stateDir, rest, out);
                case "config" -> print(out, ConfigCommand.run(rest, configFile));
                case "get" -> print(out, GetCommand.run(rest, servers.observer(), Instant.now()));
                case "describe" -> print(out, DescribeCommand.run(rest, servers.observer(), servers.applier(),
                        Instant.now()));
                case "history" -> print(out, HistoryCommand.run(rest, servers.applier(), Instant.now()));
                case "diff" -> diff(out, DiffCommand.run(rest, servers.applier()));
                case "logs" -> print(out, LogsCommand.run(rest, servers.observer(), Instant.now()));
                case "reconcile" -> ReconcileCommand.run(rest, servers.applier(), servers.observer(), out);
                case "dead-letters" -> print(out, DeadLetterCommand.run(rest, servers.observer(), Instant.now()));
                case "cluster" -> print(out, ClusterCommand.run(rest, servers.observer(), Instant.now()));
                case "rollout" -> print(out, RolloutCommand.run(rest, servers.applier(), Instant.now()));
                case "suspend", "resume" -> print(out, SuspendCommand.run(command, rest, servers.applier()));
                case "suspensions" -> print(out, SuspendCommand.list(rest, servers.applier(), Instant.now()));
                case "rollback" -> print(out, RollbackCommand.run(rest, servers.applier()));
                case "image" -> print(out, ImageCommand.run(rest, home, stateDir));
                case "bootstrap" -> print(out, Bootstrap.run(rest, home));
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("flotilla: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (StackException e) {
            err.println("flotilla " + command + ": " + e.getMessage());
            return 1;
        }
    }

    /** What {@code --config FILE} (or {@code --config=FILE}) before the command says, or null. */
    private static String configOption(List<String> args) {
        if (args.get(0).startsWith("--config=")) {
            return args.get(0).substring("--config=".length());
        }
        if (args.get(0).equals("--config")) {
            if (args.size() < 2) {
                throw new UsageException("--config needs a file");
            }
            return args.get(1);
        }
        return null;
    }

    private static List<String> withoutConfigOption(List<String> args) {
        if (args.get(0).startsWith("--config=")) {
            return args.subList(1, args.size());
        }
        return args.get(0).equals("--config") ? args.subList(Math.min(2, args.size()), args.size()) : args;
    }

    private static int up(Path home, Path stateDir, List<String> rest, PrintStream out) {
        Arguments arguments = Arguments.parse("up", rest,
                Set.of("repo", "branch", "clusters", "kubeconfig", "context", "port", "spare-clusters",
                        "instances"));
        int spareClusters = arguments.intValue("spare-clusters", 0);
        if (spareClusters < 0) {
            throw new UsageException("--spare-clusters takes a number of clusters, 0 or more, not " + spareClusters);
        }
        if (arguments.has("clusters") && arguments.has("kubeconfig")) {
            throw new UsageException("--clusters and --kubeconfig exclude each other");
        }
        if (arguments.has("context") && !arguments.has("kubeconfig")) {
            throw new UsageException("--context goes with --kubeconfig");
        }
        StackOptions options = new StackOptions(home, stateDir,
                arguments.value("repo").map(FlotillaCli::repository).orElse(null),
                arguments.value("branch").orElse("main"),
                arguments.value("clusters").map(FlotillaCli::clusters).orElseGet(() -> clusters("dev,stg,prod")),
                arguments.value("kubeconfig").map(Path::of).map(Path::toAbsolutePath).orElse(null),
                arguments.values("context"),
                arguments.intValue("port", 0),
                false,
                Duration.ofSeconds(5),
                arguments.has("kubeconfig") ? "flotilla" : "flotilla_sim").withSpareClusters(spareClusters);
        for (Map.Entry<Service, Integer> count : arguments.value("instances").map(InstanceCounts::parse)
                .orElse(Map.of()).entrySet()) {
            options = options.withInstances(count.getKey(), count.getValue());
        }
        StackState state = LocalStack.up(options, out);
        out.println();
        out.println("Flotilla is up.");
        out.println("  Watching    " + state.repository() + " (branch " + state.branch() + ")");
        out.println("  API         " + state.observerUrl() + "/api/releases");
        out.println("  Webhook     " + state.gitWatcherUrl() + "/hooks/generic (header X-Flotilla-Token: the secret in "
                + options.stateDir().resolve(StackWebhookSecret.FILE) + ")");
        out.println("  Admin token " + options.stateDir().resolve(StackAdminToken.FILE) + " (the CLI uses it; the dashboard's"
                + " login asks for it; scripts send 'Authorization: Bearer <token>')");
        out.println("  Kubeconfig  " + state.kubeconfig());
        if (state.spareKubeconfig() != null) {
            out.println("  Spare       " + state.spareKubeconfig() + " (contexts " + String.join(", ",
                    options.spareClusterNames()) + "; not registered), add one with:");
            out.println("              ./flotilla cluster add eu-3 --kubeconfig " + state.spareKubeconfig()
                    + " --context spare-1 --label env=prod");
        }
        out.println("  Next        ./flotilla status    ./flotilla cluster list    ./flotilla down");
        return 0;
    }

    private static int down(Path stateDir, List<String> rest, PrintStream out) {
        Arguments.parse("down", rest, Set.of());
        if (!LocalStack.down(stateDir, out)) {
            out.println("Flotilla is not running (nothing in " + StackState.file(stateDir) + ").");
        } else {
            out.println("Flotilla is stopped.");
        }
        return 0;
    }

    private static int status(Path stateDir, List<String> rest, PrintStream out) {
        Arguments.parse("status", rest, Set.of());
        StackState state = StackState.read(stateDir).filter(StackState::anyAlive).orElseThrow(() ->
                new StackException("Flotilla is not running here; start it with './flotilla up'"));
        out.print(ReleaseTable.format(new ObserverClient(new Endpoint(state.observerUrl(), state.apiToken())).releases(), Instant.now()));
        return 0;
    }

    private static int diff(PrintStream out, DiffCommand.Result result) {
        out.print(result.text());
        return result.exitCode();
    }

    private static int print(PrintStream out, String text) {
        out.print(text);
        return 0;
    }

    private static String repository(String repo) {
        Path local = Path.of(repo);
        return local.toFile().exists() ? local.toAbsolutePath().normalize().toString() : repo;
    }

    static Map<String, Map<String, String>> clusters(String names) {
        Map<String, Map<String, String>> clusters = new LinkedHashMap<>();
        for (String name : names.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
                throw new UsageException("cluster name '" + trimmed + "' must be lower case letters, digits and '-'");
            }
            clusters.put(trimmed, Map.of("env", trimmed));
        }
        return clusters;
    }
}
