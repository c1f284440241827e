package io.flotilla.embedded.clusters;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.flotilla.embedded.net.LocalPorts;

/**
 * A simulated Kubernetes cluster: fabric8's mock API server in CRUD mode, on plain HTTP at 127.0.0.1, made to
 * answer like a real API server where Flotilla depends on it (see {@link ApiServerDispatcher}). Nothing runs: it
 * has one node, {@code <name>-control-plane}, reported ready, and workloads report themselves rolled out as soon
 * as they are written (see {@link WorkloadStatus}).
 */
public final class SimulatedCluster implements AutoCloseable {

    /** The mock web server logs every request at INFO through java.util.logging; kept here so the level sticks. */
    private static final Logger REQUEST_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        REQUEST_LOG.setLevel(Level.WARNING);
    }

    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(10);

    private final String name;
    private final Map<String, String> labels;
    private final ApiServerDispatcher dispatcher;
    private final String url;
    private volatile MockWebServer webServer;
    private KubernetesMockServer server;
    private boolean answering;
    private SilentListener silence;
    private KubernetesClient client;

    private SimulatedCluster(String name, Map<String, String> labels, int port) {
        this.name = name;
        this.labels = Map.copyOf(labels);
        // The web server keeps every request for inspection; nobody inspects them here, so they are let go.
        this.dispatcher = new ApiServerDispatcher(name, this::forgetRecordedRequests);
        listen(port);
        this.url = "http://" + LocalPorts.HOST + ":" + server.getPort();
    }

    private void listen(int port) {
        // A port given back a moment ago can take the kernel a while to release; binding it again is retried.
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            webServer = new MockWebServer();
            server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), webServer, new HashMap<>(),
                    dispatcher, false);
            try {
                server.start(InetAddress.getByName(LocalPorts.HOST), port);
                answering = true;
                return;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("cannot resolve " + LocalPorts.HOST, e);
            } catch (IllegalStateException bindFailed) {
                if (port == 0 || System.nanoTime() > deadline) {
                    throw bindFailed;
                }
                pause(Duration.ofMillis(50));
            }
        }
    }

    /** Starts a cluster named {@code name} with {@code labels} on a free port. */
    public static SimulatedCluster start(String name, Map<String, String> labels) {
        return start(name, labels, 0);
    }

    /** Starts a cluster on {@code port} (0: a free port). */
    public static SimulatedCluster start(String name, Map<String, String> labels, int port) {
        return new SimulatedCluster(name, labels, port);
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** The API server's address, {@code http://127.0.0.1:port}. */
    public String url() {
        return url;
    }

    /**
     * A fabric8 client for this cluster, default namespace {@code default}. One client per cluster, closed with
     * it: do not close it yourself.
     */
    public synchronized KubernetesClient client() {
        if (client == null) {
            Config config = new ConfigBuilder(Config.empty())
                    .withMasterUrl(url)
                    .withNamespace("default")
                    .withHttp2Disable(true)
                    .build();
            client = new KubernetesClientBuilder().withConfig(config).build();
        }
        return client;
    }

    /**
     * Whether written workloads report themselves rolled out (the default), as a healthy cluster's controllers
     * soon would. Off, their status stays as written, so a test can play the controller: a rollout that hangs
     * or fails.
     */
    public SimulatedCluster rolloutAutomatically(boolean automatically) {
        dispatcher.rolloutAutomatically(automatically);
        return this;
    }

    /** Every request received so far: reads, watches, discovery and writes. */
    public long requestCount() {
        return dispatcher.requestCount();
    }

    /** Write requests received so far (POST, PUT, PATCH, DELETE), dry runs excepted, whether or not they changed anything. */
    public long writeCount() {
        return dispatcher.writeCount();
    }

    /**
     * The latest requests received (up to 100,000), oldest first, with when they came: reads, watches, discovery,
     * writes and dry runs. Requests held by {@link #hang()} never reach the API server and are not among them.
     */
    public List<ReceivedRequest> receivedRequests() {
        return dispatcher.received().list();
    }

    /**
     * Stops answering, as a cluster whose API server is down or cut off: connections to its address are refused.
     * What it stores is kept for {@link #answerAgain()}.
     */
    public synchronized SimulatedCluster stopAnswering() {
        if (answering) {
            answering = false;
            server.shutdown();
            awaitPortClosed();
        }
        if (silence != null) {
            silence.close();
            silence = null;
        }
        return this;
    }

    /**
     * Accepts connections but never answers, as an API server that is overloaded or cut off behind a load balancer:
     * a client waits until its own timeout. What it stores is kept for {@link #answerAgain()}, which drops the
     * connections held meanwhile.
     */
    public synchronized SimulatedCluster hang() {
        stopAnswering();
        silence = new SilentListener(URI.create(url).getPort());
        return this;
    }

    /**
     * Answers again at the same address, with everything it stored before {@link #stopAnswering()} or
     * {@link #hang()}.
     */
    public synchronized SimulatedCluster answerAgain() {
        if (silence != null) {
            silence.close();
            silence = null;
        }
        if (!answering) {
            listen(URI.create(url).getPort());
        }
        return this;
    }

    /**
     * Leaves an existing namespace Terminating, as one whose finalizers have not finished: nothing new can be
     * created in it until it is gone.
     */
    public SimulatedCluster terminateNamespace(String namespace) {
        dispatcher.terminateNamespace(namespace);
        return this;
    }

    /**
     * Refuses creates, updates and patches (dry runs too) of {@code resource} (plural, as in its URL:
     * {@code serviceaccounts}) in {@code namespace} (null: every namespace), as a validating admission webhook named
     * {@code webhook} would: 403 Forbidden, {@code admission webhook "<webhook>" denied the request: <message>}.
     * Until {@link #acceptWrites}.
     */
    public SimulatedCluster refuseWrites(String resource, String namespace, String webhook, String message) {
        dispatcher.webhooks().deny(resource, namespace, webhook, message);
        return this;
    }

    /** Lifts what {@link #refuseWrites} set for {@code resource} in {@code namespace}. */
    public SimulatedCluster acceptWrites(String resource, String namespace) {
        dispatcher.webhooks().lift(resource, namespace);
        return this;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        stopAnswering();
    }

    /** The mock server closes its socket asynchronously; a closed cluster must not answer any more. */
    private void awaitPortClosed() {
        int port = URI.create(url).getPort();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (LocalPorts.isListening(port) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulated API server's port was awaited", e);
        }
    }

    @Override
    public String toString() {
        return name + " " + labels + " at " + url;
    }

    private void forgetRecordedRequests() {
        try {
            RecordedRequest recorded;
            do {
                recorded = webServer.takeRequest(0, TimeUnit.MILLISECONDS);
            } while (recorded != null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
