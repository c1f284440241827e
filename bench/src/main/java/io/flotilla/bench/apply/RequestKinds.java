package io.flotilla.bench.apply;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.flotilla.embedded.clusters.ReceivedRequest;

/**
 * What a simulated cluster was asked, by kind of request: the method, the resource (its plural, as in the path), and
 * whether it named one object, a collection, or was a dry run. So a benchmark can say which of a release's requests
 * there are, not only how many.
 */
public final class RequestKinds {

    private RequestKinds() {
    }

    /**
     * The requests received since {@code sinceNanos} ({@link System#nanoTime()}), per release, by kind, most
     * frequent first: {@code PATCH_deployments_dryrun=1.0 GET_secrets_list=2.0 ...}.
     */
    public static String perRelease(List<ReceivedRequest> received, long sinceNanos, int releases) {
        Map<String, Long> counts = received.stream().filter(request -> request.receivedNanos() >= sinceNanos)
                .collect(Collectors.groupingBy(RequestKinds::kind, TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> String.format("%s=%.2f", entry.getKey(), (double) entry.getValue() / releases))
                .collect(Collectors.joining(" "));
    }

    /** {@code PATCH_deployments_dryrun}, {@code GET_secrets_list}, {@code GET_deployments}, {@code GET_discovery}. */
    static String kind(ReceivedRequest request) {
        String path = request.path();
        int query = path.indexOf('?');
        List<String> segments = List.of((query < 0 ? path : path.substring(0, query)).split("/"));
        // ""/api/v1/... or ""/apis/GROUP/VERSION/...; then [namespaces/NS/]PLURAL[/NAME[/SUBRESOURCE]]
        int prefix = segments.size() > 1 && segments.get(1).equals("api") ? 3 : 4;
        List<String> rest = segments.size() > prefix ? segments.subList(prefix, segments.size()) : List.of();
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        String kind = request.method() + "_" + switch (rest.size()) {
            case 0 -> "discovery";
            case 1 -> rest.get(0) + "_list";
            case 2 -> rest.get(0);
            default -> rest.get(0) + "_" + rest.get(2);
        };
        return request.isDryRun() ? kind + "_dryrun" : kind;
    }
}
