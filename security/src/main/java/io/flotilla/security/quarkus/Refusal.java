package io.flotilla.security.quarkus;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * How a refused request is answered, by the gate and by the token mechanism alike: the status and a short JSON
 * message ({@code {"status": 403, "message": "this needs the operator role; ..."}}), with {@code WWW-Authenticate:
 * Bearer} on a 401, so a script and a person both learn what to send.
 */
final class Refusal {

    private Refusal() {
    }

    static void send(RoutingContext context, int status, String message) {
        if (context.response().ended()) {
            return;
        }
        if (status == 401) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", status).put("message", message).encode());
    }
}
