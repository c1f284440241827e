package io.flotilla.testing.oidc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.testing.process.ServerProcess;

/**
 * Keycloak's distribution ({@code org.keycloak:keycloak-quarkus-dist}, a zip from Maven Central) unpacked and run as a
 * process in development mode, on free ports, with the realm {@value #REALM} imported at start: the client
 * {@value #CLIENT} (secret {@value #SECRET}; password, client-credentials and authorization code grants, redirects
 * to {@code http://localhost:*}), the user {@code olga} with the realm role {@code flotilla-operators}, {@code vic}
 * with {@code viewer} and {@code nora} with none. Keycloak 26 needs Java 21 or newer: the running Java when it is,
 * else {@code KEYCLOAK_JAVA_HOME}, else the newest JDK installed beside the running one.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "flotilla";
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"",
            Pattern.DOTALL);
    public static final String CLIENT = "flotilla";
    public static final String SECRET = "flotilla-test-secret";
    private static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final int NEEDED_JAVA = 21;
    /**
     * The client-side compiler only: on two cores shared with the build, Keycloak's start (its build step, then the
     * realm's import) is done sooner without the optimizing compiler's work, which a test's few requests never repay.
     */
    private static final String JVM_OPTIONS = "-Xmx512m -XX:TieredStopAtLevel=1";

    private final ServerProcess process;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private KeycloakServer(ServerProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Unpacks {@code distribution} into {@code work} (once) and starts it.
     *
     * @throws IllegalStateException when no Java 21 is found, or Keycloak does not start, with the end of its log
     */
    public static KeycloakServer start(Path distribution, Path work) {
        Path home = unpacked(distribution, work);
        Path java = javaHome();
        int port = LocalPorts.free();
        String url = "http://localhost:" + port;
        try {
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            try (InputStream realm = KeycloakServer.class.getResourceAsStream("flotilla-realm.json")) {
                Files.copy(realm, imports.resolve("flotilla-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put the realm into " + home, e);
        }
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        ServerProcess process = ServerProcess.start("keycloak", List.of("env", "JAVA_HOME=" + java,
                "JAVA_OPTS_APPEND=" + JVM_OPTIONS, "KC_BOOTSTRAP_ADMIN_USERNAME=admin", "KC_BOOTSTRAP_ADMIN_PASSWORD=admin",
                "sh", home.resolve("bin").resolve("kc.sh").toString(), "start-dev", "--import-realm",
                "--http-port=" + port, "--http-management-port=" + LocalPorts.free(), "--http-host=127.0.0.1"),
                work.resolve("keycloak.log"), () -> answers(probe, url + "/realms/" + REALM), START_LIMIT);
        return new KeycloakServer(process, url);
    }

    /** The realm's issuer, as {@code quarkus.oidc.auth-server-url} names it. */
    public String issuer() {
        return url + "/realms/" + REALM;
    }

    /** An access token for {@code user} by the password grant. */
    public String passwordGrant(String user, String password) {
        return token(Map.of("grant_type", "password", "username", user, "password", password, "scope", "openid"));
    }

    /** An access token for the client itself (its service account) by the client-credentials grant. */
    public String clientCredentialsGrant() {
        return token(Map.of("grant_type", "client_credentials"));
    }

    private String token(Map<String, String> grant) {
        String form = Stream.concat(grant.entrySet().stream(), Map.of("client_id", CLIENT, "client_secret", SECRET)
                        .entrySet().stream())
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(issuer()
                            + "/protocol/openid-connect/token")).header("Content-Type",
                            "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the " + grant.get("grant_type") + " grant: "
                        + answer.statusCode() + " " + answer.body());
            }
            return new ObjectMapper().readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Keycloak at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Keycloak for a token", e);
        }
    }

    /**
     * What a person does on Keycloak's login page: fills in the form of {@code loginPage} (the page a browser was sent
     * to) and submits it with {@code browser}, which follows the redirects back to the application.
     *
     * @return the last answer: the application's page after the login, or the login page again with its error
     */
    public static HttpResponse<String> logIn(HttpClient browser, HttpResponse<String> loginPage, String user,
            String password) throws IOException, InterruptedException {
        Matcher form = LOGIN_FORM.matcher(loginPage.body());
        if (!form.find()) {
            throw new IllegalStateException("no login form at " + loginPage.uri() + ": " + loginPage.body());
        }
        URI action = loginPage.uri().resolve(form.group(1).replace("&amp;", "&"));
        String fields = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        return browser.send(HttpRequest.newBuilder(action).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(fields)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.close();
    }

    private static boolean answers(HttpClient probe, String realm) {
        try {
            return probe.send(HttpRequest.newBuilder(URI.create(realm)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The distribution's folder in {@code work}, unpacked from the zip at the first start. */
    private static Path unpacked(Path distribution, Path work) {
        try {
            Path into = Files.createDirectories(work.resolve("dist"));
            try (Stream<Path> present = Files.list(into)) {
                Optional<Path> home = present.filter(dir -> Files.exists(dir.resolve("bin").resolve("kc.sh"))).findFirst();
                if (home.isPresent()) {
                    return home.get();
                }
            }
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(distribution))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path target = into.resolve(entry.getName()).normalize();
                    if (!target.startsWith(into)) {
                        throw new IllegalStateException(distribution + ": entry " + entry.getName() + " leaves the folder");
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            try (Stream<Path> present = Files.list(into)) {
                return present.filter(dir -> Files.exists(dir.resolve("bin").resolve("kc.sh"))).findFirst()
                        .orElseThrow(() -> new IllegalStateException(distribution + " holds no bin/kc.sh"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack Keycloak's distribution " + distribution, e);
        }
    }

    /** A Java 21 or newer to run Keycloak with. */
    private static Path javaHome() {
        Path running = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() >= NEEDED_JAVA) {
            return running;
        }
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null) {
            return Path.of(configured);
        }
        try (Stream<Path> installed = Files.list(running.getParent())) {
            return installed.filter(home -> feature(home) >= NEEDED_JAVA && Files.isExecutable(home.resolve("bin")
                            .resolve("java"))).max(Comparator.comparingInt(KeycloakServer::feature))
                    .orElseThrow(() -> new IllegalStateException("Keycloak 26 needs Java " + NEEDED_JAVA
                            + " or newer; none is beside " + running + ": set KEYCLOAK_JAVA_HOME"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for a Java " + NEEDED_JAVA + " beside " + running, e);
        }
    }

    /** The feature release of the JDK in {@code home}, from its {@code release} file; 0 when it has none. */
    private static int feature(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream().filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", "").split("[.+-]")[0])
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
