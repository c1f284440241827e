package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;
import static io.flotilla.observer.dashboard.Html.time;

import java.util.Comparator;
import java.util.List;

import io.flotilla.observer.release.ReleaseStatus;
import io.flotilla.security.TenantScope;

/**
 * The overview a tenant's member gets at {@code /}: its tenants' releases on every cluster, those not Ready first,
 * each linking to its page, where the member follows and acts on it. The rest of the fleet (other tenants' releases,
 * clusters, drift, commits) is the platform team's and not shown.
 */
public final class TenantOverviewPage {

    private TenantOverviewPage() {
    }

    public static String render(TenantScope scope, List<ReleaseStatus> releases) {
        String title = "Releases of " + scope.describe();
        StringBuilder html = PageFrame.open(title);
        html.append("<h1 id=\"releases-heading\">").append(escape(title)).append("</h1>");
        if (releases.isEmpty()) {
            html.append("<p id=\"tenant-releases\">No release of ").append(escape(scope.describe()))
                    .append(" has been rendered or applied yet.</p>");
            return PageFrame.close(html);
        }
        html.append("<div class=\"scroll\" tabindex=\"0\" aria-label=\"").append(escape(title)).append("\">")
                .append("<table id=\"tenant-releases\"><thead><tr><th scope=\"col\">release</th>"
                        + "<th scope=\"col\">cluster</th><th scope=\"col\">status</th><th scope=\"col\">revision</th>"
                        + "<th scope=\"col\">last reconcile</th><th scope=\"col\">reason</th></tr></thead><tbody>");
        releases.stream().sorted(Comparator.comparing((ReleaseStatus release) -> "Ready".equals(release.status.name()))
                .thenComparing(release -> release.namespace).thenComparing(release -> release.name)
                .thenComparing(release -> release.cluster)).forEach(release -> html.append("<tr><td><a href=\"")
                        .append(Links.release(release.cluster, release.namespace, release.name)).append("\">")
                        .append(escape(release.namespace + "/" + release.name)).append("</a></td><td>")
                        .append(escape(release.cluster)).append("</td><td>")
                        .append(StatusBadge.of(release.status.name())).append("</td><td>r").append(release.revision)
                        .append("</td><td>").append(time(release.reconciledAt)).append("</td><td class=\"reason\">")
                        .append(release.message == null ? "" : escape(release.message)).append("</td></tr>"));
        html.append("</tbody></table></div>");
        return PageFrame.close(html);
    }
}
