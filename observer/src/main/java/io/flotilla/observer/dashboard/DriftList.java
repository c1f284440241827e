package io.flotilla.observer.dashboard;

import static io.flotilla.observer.dashboard.Html.escape;

import io.flotilla.events.DriftFound;
import io.flotilla.observer.drift.DriftRecords.DriftView;

/**
 * The drifted objects with the fields that differ, who changed them and when: those of the first
 * {@value #ROWS} drifted releases at most, and of them the first {@value #ROWS} objects.
 */
public final class DriftList {

    public static final int ROWS = 300;

    private DriftList() {
    }

    static void write(StringBuilder html, Dashboard dashboard) {
        html.append("<h2 id=\"drift-heading\">Drift</h2><table id=\"drift\"><tr><th>release</th><th>object</th>"
                + "<th>fields</th><th>changed by</th><th>found</th><th>mode</th></tr>");
        int rows = 0;
        for (DriftView drift : dashboard.drifts()) {
            for (DriftFound.DriftedObject object : drift.objects()) {
                if (rows++ >= ROWS) {
                    continue;
                }
                html.append("<tr><td>").append(Links.toRelease(drift.cluster(), drift.namespace(), drift.name()))
                        .append("</td><td>").append(escape(object.object().kind() + " " + object.object().namespace()
                                + "/" + object.object().name()))
                        .append("</td><td><code>")
                        .append(object.deleted() ? "deleted" : escape(String.join(" ", object.fields())))
                        .append("</code></td><td>").append(object.manager() == null ? "" : escape(object.manager()))
                        .append(object.changedAt() == null ? "" : " at " + object.changedAt()).append("</td><td>")
                        .append(drift.foundAt() == null ? "" : drift.foundAt()).append("</td><td>")
                        .append(drift.mode() == null ? "fleet default" : escape(drift.mode())).append("</td></tr>");
            }
        }
        html.append("</table>");
        if (rows > ROWS || dashboard.drifted().size() > dashboard.drifts().size()) {
            html.append("<p>").append(dashboard.drifted().size())
                    .append(" drifted releases in all: <a href=\"/api/drift\">/api/drift</a></p>");
        }
    }
}
