package io.flotilla.embedded.clusters;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.flotilla.embedded.clusters.discovery.Discovery;
import io.flotilla.embedded.clusters.rbac.AccessReviews;
import io.flotilla.embedded.clusters.rbac.Forbidden;
import io.flotilla.embedded.clusters.rbac.Impersonation;
import io.flotilla.embedded.clusters.rbac.RbacAuthorizer;
import io.flotilla.embedded.clusters.rbac.RequestAttributes;
import io.flotilla.embedded.clusters.rbac.Requester;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.WriteRequest;

/**
 * The API server of a simulated cluster: takes each request and routes it. fabric8's CRUD store, indexed
 * ({@link ObjectStore}), keeps the objects; what a real API server does on top is done by the class named for it:
 * discovery and OpenAPI ({@link Discovery}), gets, lists and watches ({@link ObjectReads}), creates, replaces,
 * deletes and subresource writes ({@link ObjectWrites}), a workload's scale ({@link ScaleSubresource}), server-side
 * apply and patches ({@link ObjectPatches}),
 * namespaces ({@link NamespaceLifecycle}), the status controllers write after a write ({@link ControllerStatus}),
 * the admission webhooks a test installs ({@link AdmissionWebhooks}). Every request is authorized first
 * ({@code rbac/}): the kubeconfig's credentials are the cluster's administrator, and a request that impersonates a
 * user or service account is held to the RBAC objects stored in the cluster.
 */
final class ApiServerDispatcher extends Dispatcher {

    private static final List<HttpMethod> WRITES = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final ObjectStore store = new ObjectStore();
    private final Discovery discovery = new Discovery(store::customResourceDefinitions);
    private final ObjectReads reads = new ObjectReads(store, discovery);
    private final NamespaceLifecycle namespaces = new NamespaceLifecycle(store);
    private final ControllerStatus controllers = new ControllerStatus(store);
    private final ObjectWrites writes = new ObjectWrites(store, namespaces, controllers);
    private final ScaleSubresource scales = new ScaleSubresource(store, controllers);
    private final ObjectPatches patches = new ObjectPatches(store, writes);
    private final AdmissionWebhooks webhooks = new AdmissionWebhooks();
    private final RbacAuthorizer authorizer = new RbacAuthorizer(store::items);
    private final AccessReviews accessReviews = new AccessReviews(authorizer);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong writeCount = new AtomicLong();
    private final ReceivedRequests received = new ReceivedRequests();
    /** Writes read the stored object, decide, then store: one at a time, as etcd's compare-and-swap would. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Runnable afterEachRequest;

    ApiServerDispatcher(String clusterName, Runnable afterEachRequest) {
        this.afterEachRequest = afterEachRequest;
        InitialObjects.install(store, clusterName);
    }

    void rolloutAutomatically(boolean automatically) {
        controllers.rolloutAutomatically(automatically);
    }

    AdmissionWebhooks webhooks() {
        return webhooks;
    }

    long requestCount() {
        return requests.get();
    }

    long writeCount() {
        return writeCount.get();
    }

    ReceivedRequests received() {
        return received;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.incrementAndGet();
        received.add(request.method(), request.getPath());
        try {
            Requester requester = Impersonation.actingAs(Requester.ADMIN, request.getHeaders().toMultimap(),
                    authorizer);
            ApiPath path = ApiPath.parse(request.getPath());
            HttpMethod method = request.method();
            if (path == null) {
                RequestAttributes asked = RequestAttributes.nonResource(method == null ? request.getMethod()
                        .toLowerCase(Locale.ROOT) : method.name().toLowerCase(Locale.ROOT),
                        request.getPath().split("\\?")[0]);
                if (!authorizer.allows(requester, asked)) {
                    throw Forbidden.of(requester, asked);
                }
            } else if (method != null) {
                RequestAttributes asked = RequestAttributes.of(method, path);
                if (!authorizer.allows(requester, asked)) {
                    throw Forbidden.of(requester, asked);
                }
                if (method == HttpMethod.POST && AccessReviews.names(path)) {
                    return accessReviews.review(requester, request.getUtf8Body());
                }
            }
            if (method == HttpMethod.GET) {
                if (path == null) {
                    return discovery.answer(request.getPath());
                }
                return ScaleSubresource.names(path) ? scales.read(path) : reads.read(request.getPath(), path);
            }
            if (path == null || method == null || !WRITES.contains(method)) {
                return new ApiStatus(405, "MethodNotAllowed", "the server does not allow this method on the "
                        + "requested resource", null, null, List.of()).toResponse();
            }
            WriteRequest write = WriteRequest.of(method, path, request);
            if (write.path().isDryRun()) {
                // A dry run stores nothing, so it need not wait for the writes in progress, as etcd never sees it.
                return write(write, request.getPath());
            }
            writeCount.incrementAndGet();
            writeLock.lock();
            try {
                return write(write, request.getPath());
            } finally {
                writeLock.unlock();
            }
        } catch (ApiStatus status) {
            return status.toResponse();
        } finally {
            afterEachRequest.run();
        }
    }

    /** Leaves an existing namespace Terminating (see {@link NamespaceLifecycle#terminate}), between writes. */
    void terminateNamespace(String namespace) {
        writeLock.lock();
        try {
            namespaces.terminate(namespace);
        } finally {
            writeLock.unlock();
        }
    }

    private MockResponse write(WriteRequest write, String rawPath) {
        webhooks.admit(write);
        if (ScaleSubresource.names(write.path())) {
            return scales.write(write);
        }
        if (write.path().subresource() != null) {
            return writes.writeSubresource(write);
        }
        return switch (write.method()) {
            case POST -> writes.create(write);
            case PUT -> writes.replace(write);
            case PATCH -> patches.patch(write);
            default -> writes.delete(write.path(), rawPath);
        };
    }
}
