package io.flotilla.gitwatcher.mirror;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * Git's smart HTTP protocol served by JGit's GitServlet in Jetty, behind basic authentication: the
 * repositories under a folder, as a Git host serves them over HTTPS (without the TLS).
 */
public final class GitHttpServer implements AutoCloseable {

    private final Server server;
    private final BasicAuthentication authentication;

    private GitHttpServer(Server server, BasicAuthentication authentication) {
        this.server = server;
        this.authentication = authentication;
    }

    /** Serves every repository under {@code root} as {@code /git/<folder name>} to one user. */
    public static GitHttpServer serve(Path root, String username, String password) {
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(git), "/git/*");
        BasicAuthentication authentication = new BasicAuthentication(username, password);
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

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the Git HTTP server: " + e.getMessage(), e);
        }
    }

    /** Lets through requests carrying the one user's credentials; asks for them otherwise, as Git hosts do. */
    private static final class BasicAuthentication implements Filter {

        private final String expected;
        private final Map<String, AtomicInteger> pushesStarted = new ConcurrentHashMap<>();

        BasicAuthentication(String username, String password) {
            this.expected = "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (expected.equals(http.getHeader("Authorization"))) {
                if ("service=git-receive-pack".equals(http.getQueryString())) {
                    pushesStarted.computeIfAbsent(http.getRequestURI(), uri -> new AtomicInteger()).incrementAndGet();
                }
                chain.doFilter(request, response);
                return;
            }
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            answer.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
