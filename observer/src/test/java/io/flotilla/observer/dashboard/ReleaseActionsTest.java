package io.flotilla.observer.dashboard;

import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.flotilla.observer.delivery.ReceiversTestResource;
import io.flotilla.testing.http.RecordingReceiver;
import io.flotilla.testing.quarkus.ClustersTestResource;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The release page's actions as a browser sends them (form posts): each reaches the applier's API as the command line
 * would call it, and the browser is sent back to the release page with what the applier answered.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(ClustersTestResource.class)
@QuarkusTestResource(ReceiversTestResource.class)
class ReleaseActionsTest {

    @Test
    void eachActionReachesTheApplierAndTheBrowserReturnsToThePageWithTheAnswer() {
        RecordingReceiver applier = ReceiversTestResource.receiver();

        String reconciled = said(post("reconcile", "", ""));
        String suspended = said(post("suspend", "reason", "freeze for the audit"));
        String resumed = said(post("resume", "", ""));
        String rolledBack = said(post("rollback", "revision", "2"));

        assertThat(reconciled).isEqualTo("Reconcile asked: the release is queued on its cluster.");
        assertThat(suspended).isEqualTo("Suspended: nothing is applied to it until it is resumed.");
        assertThat(resumed).isEqualTo("Resumed: its newest rendering is applied now.");
        assertThat(rolledBack).isEqualTo("Rolled back to revision 2 as a new revision.");
        assertThat(applier.to("/applier/")).as("the applier's requests about this test's release")
                .filteredOn(request -> (request.path() + request.body()).contains("dev/actions/"))
                .extracting(request -> request.method() + " " + request.path() + " " + request.body()).containsExactly(
                        "POST /applier/api/reconcile {\"release\":\"dev/actions/web\"}",
                        "POST /applier/api/releases/dev/actions/web/suspend {\"by\":\"the dashboard\","
                                + "\"reason\":\"freeze for the audit\"}",
                        "POST /applier/api/releases/dev/actions/web/resume {}",
                        "POST /applier/api/releases/dev/actions/web/rollback {\"revision\":2}");
    }

    @Test
    void whatTheApplierRefusesIsSaidOnThePageAndABadRevisionNeverLeaves() {
        RecordingReceiver applier = ReceiversTestResource.receiver();
        applier.refuse("/applier/api/releases/dev/refused/web/resume", 1, 409);

        String refused = said(post("refused", "resume", "", ""));
        String badRevision = said(post("refused", "rollback", "revision", "latest"));

        assertThat(refused).isEqualTo("The applier refused (409): {\"message\":\"unavailable\"}");
        assertThat(badRevision).isEqualTo("Say which revision to roll back to: a number, not 'latest'.");
        assertThat(applier.to("/applier/api/releases/dev/refused/web/rollback")).isEmpty();
    }

    private static Response post(String action, String field, String value) {
        return post("actions", action, field, value);
    }

    private static Response post(String namespace, String action, String field, String value) {
        var request = asAdmin().redirects().follow(false).contentType("application/x-www-form-urlencoded");
        if (!field.isEmpty()) {
            request = request.formParam(field, value);
        }
        return request.post("/releases/dev/" + namespace + "/web/actions/" + action);
    }

    /** What the page the browser is sent back to will say, read from where it is sent. */
    private static String said(Response response) {
        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.header("Location");
        assertThat(location).contains("/releases/dev/").endsWith("#actions");
        String query = location.substring(location.indexOf("?said=") + "?said=".length(), location.indexOf('#'));
        return URLDecoder.decode(query, StandardCharsets.UTF_8);
    }
}
