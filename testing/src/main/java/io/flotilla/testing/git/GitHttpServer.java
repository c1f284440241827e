package io.flotilla.testing.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.FileResolver;

/**
 * Git's smart HTTP protocol served by JGit's GitServlet in Jetty, behind authentication: the repositories under a
 * folder, as a Git host serves them over HTTPS (without the TLS), to one user with a password (basic) or to one
 * bearer token. A module whose tests use it depends on {@code org.eclipse.jgit.http.server} and
 * {@code jetty-ee10-servlet} itself (test scope).
 */
public final class GitHttpServer implements AutoCloseable {

    private final Server server;
    private final Authentication authentication;

    private GitHttpServer(Server server, Authentication authentication) {
        this.server = server;
        this.authentication = authentication;
    }

    /** Serves every repository under {@code root} as {@code /git/<folder name>} to one user. */
    public static GitHttpServer serve(Path root, String username, String password) {
        return serve(root, new Authentication("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)), "Basic realm=\"git\""));
    }

    /** Serves every repository under {@code root} to requests carrying {@code Authorization: Bearer <token>}. */
    public static GitHttpServer serveWithBearerToken(Path root, String token) {
        return serve(root, new Authentication("Bearer " + token, "Bearer realm=\"git\""));
    }

    /** Serves every repository under {@code root} to anyone, as a public repository of a Git host. */
    public static GitHttpServer serveToAnyone(Path root) {
        return serve(root, new Authentication(null, null));
    }

    private static GitHttpServer serve(Path root, Authentication authentication) {
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(git), "/git/*");
        context.addFilter(new FilterHolder(authentication), "/*", EnumSet.of(DispatcherType.REQUEST));
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Git HTTP server: " + e.getMessage(), e);
        }
        return new GitHttpServer(server, authentication);
    }

    /** The clone URL of the repository in {@code root/<name>}. */
    public String url(String name) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + "/git/" + name).toString();
    }

    /**
     * How many pushes to the repository in {@code root/<name>} were started by the user (the ref advertisement a
     * push begins with), whether the repository let them through or not.
     */
    public int pushesStarted(String name) {
        AtomicInteger count = authentication.pushesStarted.get("/git/" + name + "/info/refs");
        return count == null ? 0 : count.get();
    }

    /**
     * How many fetches (and clones) of the repository in {@code root/<name>} the user started with a
     * {@code User-Agent} that begins with {@code agent}: the ref advertisements they begin with.
     */
    public long fetchesStarted(String name, String agent) {
        return authentication.fetchesStarted.stream().filter(fetch -> fetch.uri().equals("/git/" + name + "/info/refs")
                && fetch.agent() != null && fetch.agent().startsWith(agent)).count();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Git HTTP server: " + e.getMessage(), e);
        }
    }

    private record Fetch(String uri, String agent) {
    }

    /**
     * Lets through requests carrying the one credential (every request when there is none); asks for it otherwise, as
     * Git hosts do.
     */
    private static final class Authentication implements Filter {

        private final String expected;
        private final String challenge;
        private final Map<String, AtomicInteger> pushesStarted = new ConcurrentHashMap<>();
        private final Queue<Fetch> fetchesStarted = new ConcurrentLinkedQueue<>();

        Authentication(String expected, String challenge) {
            this.expected = expected;
            this.challenge = challenge;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (expected == null || expected.equals(http.getHeader("Authorization"))) {
                if ("service=git-receive-pack".equals(http.getQueryString())) {
                    pushesStarted.computeIfAbsent(http.getRequestURI(), uri -> new AtomicInteger()).incrementAndGet();
                } else if ("service=git-upload-pack".equals(http.getQueryString())) {
                    fetchesStarted.add(new Fetch(http.getRequestURI(), http.getHeader("User-Agent")));
                }
                chain.doFilter(request, response);
                return;
            }
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setHeader("WWW-Authenticate", challenge);
            answer.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
