package io.flotilla.testing.security;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The API tokens every service accepts in its tests, one per role and one of a tenant's member (an operator of tenant
 * {@code team-a}'s releases only): the services know only their hashes (this
 * module's {@code META-INF/microprofile-config.properties}, test profile), the tests present the tokens, so
 * authentication stays on in every test and a test that forgets its token gets the 401 a user would.
 */
public final class TestTokens {

    public static final String ADMIN = "flt_test-admin-token-for-tests-only";
    public static final String OPERATOR = "flt_test-operator-token-for-tests-only";
    public static final String VIEWER = "flt_test-viewer-token-for-tests-only";
    /** A member of tenant {@code team-a} with the operator role: it sees and acts on that tenant's releases only. */
    public static final String TEAM_A_OPERATOR = "flt_test-team-a-operator-token-for-tests-only";

    private TestTokens() {
    }

    /** A request as an admin, who may call everything: what most tests of a service's behaviour need. */
    public static RequestSpecification asAdmin() {
        return as(ADMIN);
    }

    /** A request presenting {@code token} as {@code Authorization: Bearer}. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", bearer(token));
    }

    /** The {@code Authorization} header's value for {@code token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
