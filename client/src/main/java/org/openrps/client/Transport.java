package org.openrps.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a client reaches the server: the TLS context that decides whom it trusts and, when the site
 * requires one, the HTTP proxy it goes through. Every client ({@link ReportUploader}, {@link
 * CommandClient}, {@link EnrolmentClient}) builds its {@link HttpClient} here, so all requests take
 * the same way out.
 *
 * <p><b>Basic authentication for CONNECT.</b> The JDK refuses Basic credentials on proxy tunnels by
 * default ({@code jdk.http.auth.tunneling.disabledSchemes=Basic} in {@code net.properties}), and
 * reads that setting once, when {@code java.net.http} is first used. Site proxies that ask for a
 * password almost always ask for Basic, so this class clears the setting as it is loaded (before
 * any client of ours makes a request), unless the JVM was started with it set explicitly: then that
 * choice stands and a 407 says so. Only the proxy configured here gets the credentials, on the
 * {@code CONNECT} of each tunnel (see {@link #authorize}); the password crosses to the proxy
 * base64-encoded, not encrypted, as with any Basic proxy (ADR 0022).
 */
public final class Transport {

  /** The JDK's switch for authentication schemes refused on proxy tunnels. */
  static final String TUNNEL_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

  private static final boolean BASIC_FOR_TUNNELS = allowBasicForTunnels();

  private final SSLContext tls;
  private final Optional<HttpProxy> proxy;

  /**
   * @param tls whom to trust (see {@link Tls#clientContext})
   * @param proxy the proxy every request goes through; empty = straight to the server
   */
  public Transport(SSLContext tls, Optional<HttpProxy> proxy) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.proxy = Objects.requireNonNull(proxy, "proxy");
  }

  /** Straight to the server, no proxy. */
  public static Transport direct(SSLContext tls) {
    return new Transport(tls, Optional.empty());
  }

  public SSLContext tls() {
    return tls;
  }

  public Optional<HttpProxy> proxy() {
    return proxy;
  }

  /**
   * True when this JVM lets Basic credentials go to a proxy for a tunnel: false only when it was
   * started with {@value #TUNNEL_DISABLED_SCHEMES} naming Basic.
   */
  public static boolean basicForTunnels() {
    return BASIC_FOR_TUNNELS;
  }

  /** An HTTP/1.1 client with TLS 1.2/1.3, host names checked, no redirects, through the proxy. */
  HttpClient newClient(Duration connectTimeout) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .sslContext(tls)
            .sslParameters(Tls.clientParameters())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (proxy.isPresent()) {
      HttpProxy p = proxy.get();
      builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(p.host(), p.port())));
    } else {
      // Not the system default selector: a host's proxy settings do not reroute the agent.
      builder.proxy(HttpClient.Builder.NO_PROXY);
    }
    return builder.build();
  }

  /**
   * {@code request} with the proxy's Basic credentials, when it asks for some. Sent preemptively:
   * the JDK puts a request's {@code Proxy-Authorization} on the {@code CONNECT} of its tunnel and
   * keeps it off the request to the server. (Not by an {@link java.net.Authenticator}: a client
   * with one drops every {@code Authorization} header the request sets, the server's credentials
   * too.)
   */
  HttpRequest.Builder authorize(HttpRequest.Builder request) {
    if (proxy.isPresent() && proxy.get().user().isPresent()) {
      HttpProxy p = proxy.get();
      char[] password = p.password();
      try {
        request.header("Proxy-Authorization", BasicAuth.header(p.user().get(), password));
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    return request;
  }

  /**
   * What an I/O failure towards {@code endpoint} means, the proxy first: unreachable, or refusing
   * the tunnel; else as {@link ReportUploader#failure} says (certificate, host name, TLS, network).
   */
  SyncException failure(URI endpoint, IOException e) {
    if (proxy.isPresent()) {
      HttpProxy p = proxy.get();
      for (Throwable t = e; t != null; t = t.getCause()) {
        String m = String.valueOf(t.getMessage());
        if (m.startsWith("Tunnel failed")) {
          String status = m.replaceAll("\\D+", " ").strip();
          if ("407".equals(status)) {
            return credentialsRefused(p, e);
          }
          return new SyncException(
              SyncException.Kind.proxy,
              "proxy "
                  + p.address()
                  + " refused the tunnel to "
                  + where(endpoint)
                  + (status.isEmpty() ? "" : " [HTTP " + status + "]"),
              0,
              null,
              e);
        }
        if (t instanceof java.net.ConnectException
            || t instanceof java.net.http.HttpConnectTimeoutException
            || t instanceof java.net.UnknownHostException) {
          SyncException network = ReportUploader.failure(endpoint, e);
          String why = network.getMessage().replaceFirst("^[^(]*\\(", "(");
          return new SyncException(
              SyncException.Kind.proxy,
              "proxy unreachable at " + p.address() + " " + why,
              0,
              null,
              e);
        }
      }
    }
    return ReportUploader.failure(endpoint, e);
  }

  /**
   * The proxy's refusal when {@code response} is its 407 (the credentials are missing or wrong);
   * empty for any other answer, which is the server's.
   */
  Optional<SyncException> proxyRefusal(HttpResponse<?> response) {
    if (proxy.isEmpty() || response.statusCode() != 407) {
      return Optional.empty();
    }
    return Optional.of(credentialsRefused(proxy.get(), null));
  }

  private static SyncException credentialsRefused(HttpProxy p, IOException cause) {
    String why =
        p.user().isEmpty()
            ? " asks for a user and password (--proxy-user, --proxy-password)"
            : BASIC_FOR_TUNNELS
                ? " refused the credentials of user " + p.user().get()
                : " was not sent the credentials of user "
                    + p.user().get()
                    + ": Basic for CONNECT is disabled in this JVM ("
                    + TUNNEL_DISABLED_SCHEMES
                    + ")";
    return new SyncException(
        SyncException.Kind.proxy, "proxy " + p.address() + why + " [HTTP 407]", 0, null, cause);
  }

  private static String where(URI endpoint) {
    return endpoint.getHost() + ":" + (endpoint.getPort() == -1 ? 443 : endpoint.getPort());
  }

  private static boolean allowBasicForTunnels() {
    String set = System.getProperty(TUNNEL_DISABLED_SCHEMES);
    if (set == null) {
      System.setProperty(TUNNEL_DISABLED_SCHEMES, "");
      return true;
    }
    return Arrays.stream(set.split(",")).map(String::strip).noneMatch("Basic"::equalsIgnoreCase);
  }

  @Override
  public String toString() {
    return "Transport[" + proxy.map(HttpProxy::toString).orElse("no proxy") + "]";
  }
}
