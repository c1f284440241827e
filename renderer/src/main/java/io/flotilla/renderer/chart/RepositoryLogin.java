package io.flotilla.renderer.chart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.flotilla.git.outbound.OutboundHttp;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SecretsUnavailableException;
import io.flotilla.git.secret.SourceAuth;
import io.flotilla.git.secret.SourceSecret;
import io.flotilla.git.secret.SourceSecretException;
import io.flotilla.git.secret.SourceSecrets;
import io.flotilla.renderer.digest.Digests;

/**
 * How the renderer proves who it is to a Helm repository or a registry, from the Secrets its source names, read at
 * each fetch (so a rotated Secret is used at once): a username and password (Flux's {@code username},
 * {@code password}), or a {@code .dockerconfigjson} entry for the registry's host; and the certificate authorities
 * its TLS certificate is checked against ({@code ca.crt} of {@code certSecretRef}, or the older {@code caFile} of
 * {@code secretRef}). A Secret Flotilla keeps wins over one committed to the repository, which older repositories
 * still hold. Values never appear in a message.
 */
final class RepositoryLogin {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Clients trusting a Secret's authorities, by their digest: a few, since few sources bring their own CA. */
    private static final int CLIENTS_KEPT = 64;
    private static final Map<TrustedClient, HttpClient> CLIENTS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TrustedClient, HttpClient> eldest) {
            return size() > CLIENTS_KEPT;
        }
    };

    private final String username;
    private final String password;
    private final SecretRef from;
    private final String source;
    private final HttpClient client;
    private final OutboundPolicy outbound;

    private RepositoryLogin(String username, String password, SecretRef from, String source, HttpClient client,
            OutboundPolicy outbound) {
        this.username = username;
        this.password = password;
        this.from = from;
        this.source = source;
        this.client = client;
        this.outbound = outbound;
    }

    /**
     * The login for a fetch from {@code host}.
     *
     * @param committedUsername a username from a Secret committed to the repository, null for none
     * @param field             the field messages point at
     * @param defaultClient     the client to use when the source brings no certificate authority, made by
     *                          {@link OutboundHttp#client} for {@code outbound}
     * @param outbound          where requests and their redirects may go
     * @throws ChartNotFoundException          naming the field, the source and the Secret when it is missing or
     *                                         unusable
     * @throws ChartSourceUnavailableException when the cluster that keeps the Secrets does not answer
     */
    static RepositoryLogin of(SourceAuth auth, String committedUsername, String committedPassword, String host,
            SourceSecrets secrets, String field, HttpClient defaultClient, OutboundPolicy outbound)
            throws ChartNotFoundException {
        try {
            Optional<SourceSecret> secret = auth.secret() == null ? Optional.empty() : secrets.find(auth.secret());
            HttpClient client = auth.certSecret() != null
                    ? client(secrets.require(auth.certSecret(), auth.source()), "ca.crt", auth.source(), outbound)
                    : secret.filter(found -> found.has("caFile"))
                            .map(found -> client(found, "caFile", auth.source(), outbound)).orElse(defaultClient);
            if (secret.isPresent()) {
                return fromSecret(secret.get(), host, auth.source(), client, outbound);
            }
            if (committedUsername != null) {
                return new RepositoryLogin(committedUsername, committedPassword, null, auth.source(), client,
                        outbound);
            }
            if (auth.secret() != null) {
                throw new SourceSecretException(auth.source() + ": Secret " + auth.secret() + " is not in "
                        + secrets.where());
            }
            return new RepositoryLogin(null, null, null, auth.source(), client, outbound);
        } catch (SourceSecretException e) {
            throw new ChartNotFoundException(field + ": " + e.getMessage());
        } catch (SecretsUnavailableException e) {
            throw new ChartSourceUnavailableException(field + ": " + e.getMessage(), e);
        }
    }

    private static RepositoryLogin fromSecret(SourceSecret secret, String host, String source, HttpClient client,
            OutboundPolicy outbound) {
        Optional<String> username = secret.text("username");
        if (username.isPresent()) {
            return new RepositoryLogin(username.get(), secret.text("password").orElse(""), secret.ref(), source,
                    client, outbound);
        }
        Optional<String> dockerConfig = secret.text(".dockerconfigjson");
        if (dockerConfig.isPresent()) {
            String[] login = dockerLogin(dockerConfig.get(), host, secret, source);
            return new RepositoryLogin(login[0], login[1], secret.ref(), source, client, outbound);
        }
        if (secret.has("caFile")) {
            return new RepositoryLogin(null, null, null, source, client, outbound);
        }
        throw new SourceSecretException(source + ": Secret " + secret.ref() + " (" + secret.where() + ") has neither"
                + " username nor .dockerconfigjson");
    }

    /** The username and password of the {@code .dockerconfigjson} entry for {@code host}. */
    private static String[] dockerLogin(String dockerConfig, String host, SourceSecret secret, String source) {
        JsonNode entry;
        try {
            entry = JSON.readTree(dockerConfig).path("auths").path(host);
        } catch (IOException e) {
            throw new SourceSecretException(source + ": Secret " + secret.ref() + ": .dockerconfigjson is not JSON");
        }
        if (entry.hasNonNull("username")) {
            return new String[] {entry.get("username").asText(), entry.path("password").asText("")};
        }
        if (entry.hasNonNull("auth")) {
            String decoded = new String(Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            }
        }
        throw new SourceSecretException(source + ": Secret " + secret.ref() + ": .dockerconfigjson has no login for "
                + host);
    }

    /** A client trusting the certificate authorities of {@code key} in {@code secret}. */
    private static HttpClient client(SourceSecret secret, String key, String source, OutboundPolicy outbound) {
        byte[] authorities = secret.bytes(key).orElseThrow(() -> new SourceSecretException(source + ": Secret "
                + secret.ref() + " (" + secret.where() + ") has no " + key));
        TrustedClient trusted = new TrustedClient(Digests.sha256(authorities), outbound);
        synchronized (CLIENTS) {
            HttpClient known = CLIENTS.get(trusted);
            if (known != null) {
                return known;
            }
            HttpClient client = OutboundHttp.client(outbound, TIMEOUT, trusting(authorities, secret, key, source));
            CLIENTS.put(trusted, client);
            return client;
        }
    }

    /** A client is kept for a set of certificate authorities and the policy it goes out by. */
    private record TrustedClient(String authorities, OutboundPolicy outbound) {
    }

    private static SSLContext trusting(byte[] authorities, SourceSecret secret, String key, String source) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(authorities))) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new SourceSecretException(source + ": Secret " + secret.ref() + ": " + key
                        + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new SourceSecretException(source + ": Secret " + secret.ref() + ": " + key
                    + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /** The {@code Authorization} header of basic authentication, or null when there is no username. */
    String basicAuthorization() {
        return username == null ? null : BasicAuthorization.header(username, password);
    }

    /** Refuses a location the registry or repository sends the client to (a token service) as any other. */
    void check(String what, String location) {
        outbound.check(what, location);
    }

    /**
     * Sends {@code request}, following the redirects {@code outbound} allows ({@link OutboundHttp#send}).
     *
     * @param what the location in messages
     */
    <T> HttpResponse<T> send(String what, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return OutboundHttp.send(client, outbound, what, request, body);
    }

    /**
     * Whether a request failed because the server's TLS certificate is not trusted: a mistake in the source (a
     * certificate authority to name in {@code spec.certSecretRef}), not an outage.
     */
    static boolean untrusted(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    /** What a 401 means here, for the message: whose credentials were refused, or that none were given. */
    String refusal() {
        if (from != null) {
            return ": the credentials of Secret " + from + " (" + source + ") were refused";
        }
        return username != null ? ": the credentials were refused" : "";
    }
}
