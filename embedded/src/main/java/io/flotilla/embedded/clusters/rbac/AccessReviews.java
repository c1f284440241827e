package io.flotilla.embedded.clusters.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.mockwebserver.http.MockResponse;
import io.flotilla.embedded.clusters.wire.ApiPath;
import io.flotilla.embedded.clusters.wire.ApiStatus;
import io.flotilla.embedded.clusters.wire.JsonBodies;

/**
 * {@code SelfSubjectAccessReview}s, which {@code kubectl auth can-i} creates: the review comes back with
 * {@code status.allowed} as the authorizer answers for the requester (the impersonated user, with
 * {@code --as}). Nothing is stored.
 */
public final class AccessReviews {

    private static final String GROUP = "authorization.k8s.io";
    private static final String RESOURCE = "selfsubjectaccessreviews";

    private final RbacAuthorizer authorizer;

    public AccessReviews(RbacAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    public static boolean names(ApiPath path) {
        return path.group().equals(GROUP) && path.resource().equals(RESOURCE);
    }

    public MockResponse review(Requester requester, String body) {
        ObjectNode review = JsonBodies.object(body);
        JsonNode spec = review.path("spec");
        RequestAttributes asked;
        if (spec.has("resourceAttributes")) {
            JsonNode attributes = spec.path("resourceAttributes");
            asked = new RequestAttributes(attributes.path("verb").asText(), attributes.path("group").asText(""),
                    attributes.path("resource").asText(), blankToNull(attributes.path("subresource").asText("")),
                    blankToNull(attributes.path("namespace").asText("")),
                    blankToNull(attributes.path("name").asText("")), null);
        } else if (spec.has("nonResourceAttributes")) {
            JsonNode attributes = spec.path("nonResourceAttributes");
            asked = RequestAttributes.nonResource(attributes.path("verb").asText(), attributes.path("path").asText());
        } else {
            throw ApiStatus.invalid("SelfSubjectAccessReview", "", "spec", "exactly one of nonResourceAttributes or"
                    + " resourceAttributes must be specified");
        }
        review.putObject("status").put("allowed", authorizer.allows(requester, asked));
        return JsonBodies.response(201, review);
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
