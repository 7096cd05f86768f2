package org.billingsdk.examples.portal;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson3;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import org.billingsdk.core.Billing;

/**
 * The reference Billing Portal: a web page and its JSON API over the SDK, on the embedded default
 * (H2 in memory) with demo data and demo sign-ins, served by Javalin (on Jetty). Start it with
 *
 * <pre>{@code
 * mvn -q -B -pl examples -am -DskipTests package exec:java \
 *     -Dmain.example=org.billingsdk.examples.portal.PortalServer
 * }</pre>
 *
 * <p>What a host would copy: the actor comes from the signed-in session, never from a parameter;
 * the session cookie is {@code HttpOnly} and {@code SameSite=Strict}; every change carries the
 * session's CSRF token in a header and a JSON body; every answer says {@code nosniff} and a content
 * security policy that allows the page's own files only; the page writes what the API answers as
 * text, never as markup; errors come back as the SDK's codes with a message, never a stack trace;
 * request bodies are limited to {@value #MAX_REQUEST_BYTES} bytes.
 */
public final class PortalServer implements AutoCloseable {

    /** The largest request body taken; a larger one is answered 413. */
    public static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final DemoPortal demo;
    private final Javalin app;

    private PortalServer(DemoPortal demo, Javalin app) {
        this.demo = demo;
        this.app = app;
    }

    /**
     * Seeds the demo and starts the portal.
     *
     * @param port the port to listen on, on the loopback address 127.0.0.1 only; 0 for a free one
     * @return the running portal
     */
    public static PortalServer start(int port) {
        DemoPortal demo = new DemoPortal();
        Sessions sessions = new Sessions(demo.clock(), Duration.ofHours(8));
        PortalApi api = new PortalApi(demo, sessions);
        Javalin app = Javalin.create(config -> {
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jsonMapper(new JavalinJackson3(HttpErrors.JSON, false));
            config.staticFiles.add("/portal", Location.CLASSPATH);
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("X-Frame-Options", "DENY");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                        + "form-action 'self'; object-src 'none'");
            });
            api.routes(config.routes);
            HttpErrors.handle(config.routes);
        });
        app.start("127.0.0.1", port);
        return new PortalServer(demo, app);
    }

    /** {@return the page's address} */
    public URI url() {
        return URI.create("http://127.0.0.1:" + app.port() + "/");
    }

    /** {@return the SDK behind the portal, to read what it holds} */
    public Billing billing() {
        return demo.billing();
    }

    DemoPortal demo() {
        return demo;
    }

    @Override
    public void close() {
        app.stop();
    }

    /**
     * Starts the portal and prints its address and the demo sign-ins.
     *
     * @param args the port, 8080 by default
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        PortalServer portal = start(port);
        System.out.println("Billing Portal: " + portal.url());
        System.out.println("Demo sign-ins:");
        portal.demo.users().values().stream().sorted(Comparator.comparing(DemoUser::name)).forEach(user ->
                System.out.printf("  %-6s %-22s %s (%s)%n", user.name(), user.email(), user.companyName(),
                        user.role()));
        System.out.println("Stop it with Ctrl+C.");
    }
}
