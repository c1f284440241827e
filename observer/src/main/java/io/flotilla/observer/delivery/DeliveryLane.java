package io.flotilla.observer.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * The requests for one destination, sent one after the other in the order they came, each tried until it is
 * delivered, refused for good or out of tries. Its own thread waits between tries, so nothing else waits on it.
 */
final class DeliveryLane {

    private static final Logger LOG = Logger.getLogger(DeliveryLane.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Begins the answer of a destination that trying again cannot help (a 4xx other than 429). */
    private static final String FOR_GOOD = "refused for good: ";

    private final String destination;
    private final RetrySettings retry;
    private final HttpClient http;
    private final ScheduledExecutorService worker;
    private final DeliveryRecords records;
    /** Waiting requests by key, in the order they came; guarded by this lane. */
    private final Map<String, Pending> queued = new LinkedHashMap<>();
    private boolean sending;

    DeliveryLane(String destination, RetrySettings retry, HttpClient http, ScheduledExecutorService worker,
            DeliveryRecords records) {
        this.destination = destination;
        this.retry = retry;
        this.http = http;
        this.worker = worker;
        this.records = records;
    }

    /**
     * Queues the request, in place of one of the same key still waiting; drops it when the queue is full.
     *
     * @param finished run on this lane's thread once the lane is done with the request: with the destination's answer
     *                 when delivered, with null when given up after its tries or refused for good; not run if a newer
     *                 request of the same key takes its place, nor if the lane stops first
     */
    synchronized void offer(OutboundRequest request, Consumer<String> finished) {
        if (!queued.containsKey(request.key()) && queued.size() >= retry.queueCapacity()) {
            LOG.warnf("%s: dropped, %d requests wait for %s already", request, queued.size(), destination);
            records.record(request, DeliveryState.DROPPED, 0, "queue full");
            return;
        }
        queued.put(request.key(), new Pending(request, finished));
        records.record(request, DeliveryState.QUEUED, 0, null);
        if (!sending) {
            sending = true;
            worker.execute(this::sendNext);
        }
    }

    void shutdown() {
        worker.shutdownNow();
    }

    private void sendNext() {
        Pending next;
        synchronized (this) {
            Iterator<Pending> first = queued.values().iterator();
            if (!first.hasNext()) {
                sending = false;
                return;
            }
            next = first.next();
            first.remove();
        }
        attempt(next, 1);
    }

    private void attempt(Pending pending, int attempt) {
        OutboundRequest request = pending.request();
        Answer answer = send(request);
        String refusal = answer.refusal();
        if (refusal == null) {
            records.record(request, DeliveryState.DELIVERED, attempt, null);
            LOG.debugf("%s: delivered", request);
            finished(pending, answer.body());
            sendNext();
            return;
        }
        if (refusal.startsWith(FOR_GOOD) || attempt >= retry.attempts()) {
            String reason = refusal.startsWith(FOR_GOOD) ? refusal.substring(FOR_GOOD.length()) : refusal;
            records.record(request, DeliveryState.FAILED, attempt, reason);
            LOG.errorf("%s: not delivered after %d tries: %s", request, attempt, reason);
            finished(pending, null);
            sendNext();
            return;
        }
        Duration wait = backoff(attempt);
        records.record(request, DeliveryState.RETRYING, attempt, refusal);
        LOG.warnf("%s: %s; try %d in %d ms", request, refusal, attempt + 1, wait.toMillis());
        worker.schedule(() -> attempt(newerOf(pending), attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A newer request of the same key that came while this one waited to be tried again is sent in its place. */
    private synchronized Pending newerOf(Pending pending) {
        Pending newer = queued.remove(pending.request().key());
        return newer == null ? pending : newer;
    }

    private void finished(Pending pending, String answer) {
        try {
            pending.finished().accept(answer);
        } catch (RuntimeException e) {
            LOG.warnf("%s: sent, but what follows failed: %s", pending.request(), e.getMessage());
        }
    }

    /**
     * What a destination answered: its body when it took the request; else why not (the refusal), prefixed with
     * {@link #FOR_GOOD} when trying again cannot help.
     */
    private record Answer(String refusal, String body) {

        static Answer refused(String refusal) {
            return new Answer(refusal, null);
        }
    }

    private Answer send(OutboundRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Answer(null, response.body());
            }
            String answer = "HTTP " + status + answered(response.body());
            return Answer.refused(status >= 500 || status == 429 ? answer : FOR_GOOD + answer);
        } catch (IOException e) {
            return Answer.refused("unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.refused(FOR_GOOD + "stopped");
        }
    }

    private static String answered(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }

    /** A request waiting for its turn, with what to do once the lane is done with it. */
    private record Pending(OutboundRequest request, Consumer<String> finished) {
    }

    private Duration backoff(int attempt) {
        Duration wait = retry.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : wait;
    }
}
