package io.flotilla.testing.git;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.jgit.lib.Constants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pushes to a {@link GitRepo}'s branch as GitHub's webhook delivers them, signed as GitHub signs them. */
public final class GitHubPushes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GitHubPushes() {
    }

    /**
     * A push to {@code main} of {@code repository} (its clone URL) as GitHub delivers it, in GitHub's layout
     * with the fields a receiver reads.
     */
    public static byte[] push(String repository, String before, String after, String message) {
        String name = repository.replaceAll("[/\\\\]+$", "").replaceAll(".*[/\\\\]", "");
        ObjectNode body = JSON.createObjectNode();
        body.put("ref", Constants.R_HEADS + GitRepo.BRANCH);
        body.put("before", before);
        body.put("after", after);
        body.put("created", false);
        body.put("deleted", false);
        body.put("forced", false);
        ObjectNode commit = body.putObject("head_commit");
        commit.put("id", after);
        commit.put("message", message);
        commit.putObject("author").put("name", "Flotilla Bench").put("email", "bench@flotilla.io");
        body.putArray("commits").add(commit.deepCopy());
        ObjectNode repo = body.putObject("repository");
        repo.put("name", name);
        repo.put("full_name", "flotilla/" + name);
        repo.put("clone_url", repository);
        repo.put("default_branch", GitRepo.BRANCH);
        body.putObject("pusher").put("name", "flotilla-bench").put("email", "bench@flotilla.io");
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** The headers GitHub sends with a push, {@code body} signed with {@code secret} ({@code X-Hub-Signature-256}). */
    public static Map<String, String> headers(String secret, byte[] body) {
        return Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", "sha256=" + hmacSha256(secret, body));
    }

    /** {@code body}'s HMAC-SHA256 with {@code secret}, in hex: what GitHub signs a delivery of any event with. */
    public static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }
}
