package io.flotilla.gitwatcher.mirror;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;

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

    private GitHttpServer(Server server) {
        this.server = server;
    }

    /** Serves every repository under {@code root} as {@code /git/<folder name>} to one user. */
    public static GitHttpServer serve(Path root, String username, String password) {
        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new FileResolver<>(root.toFile(), true));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(git), "/git/*");
        context.addFilter(new FilterHolder(new BasicAuthentication(username, password)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the Git HTTP server: " + e.getMessage(), e);
        }
        return new GitHttpServer(server);
    }

    /** The clone URL of the repository in {@code root/<name>}. */
    public String url(String name) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://127.0.0.1:" + port + "/git/" + name).toString();
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

        BasicAuthentication(String username, String password) {
            this.expected = "Basic " + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (expected.equals(((HttpServletRequest) request).getHeader("Authorization"))) {
                chain.doFilter(request, response);
                return;
            }
            HttpServletResponse http = (HttpServletResponse) response;
            http.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
            http.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
