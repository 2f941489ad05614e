package org.openrps.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real HTTP proxy for tests, on a loopback port: it answers {@code CONNECT host:port} by
 * opening a TCP connection there and copying bytes both ways until either side closes (TLS runs end
 * to end through it, as through a site's proxy). It can ask for Basic authentication, refuse every
 * tunnel with a status, and counts the tunnels it opened. It only tunnels to loopback addresses.
 */
public final class TunnelProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tunnel-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Optional<String> expectedAuthorization;
  private final AtomicInteger tunnels = new AtomicInteger();
  private final AtomicInteger challenges = new AtomicInteger();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile int refuseWith;

  private TunnelProxy(Optional<String> expectedAuthorization) {
    this.expectedAuthorization = expectedAuthorization;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
    threads.execute(this::accept);
  }

  /** A proxy that asks for no authentication. */
  public static TunnelProxy open() {
    return new TunnelProxy(Optional.empty());
  }

  /** A proxy that asks for Basic authentication as {@code user} with {@code password}. */
  public static TunnelProxy withBasicAuth(String user, String password) {
    String token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new TunnelProxy(Optional.of("Basic " + token));
  }

  /** From now on, every CONNECT is answered with {@code status} (e.g. 403); 0 tunnels again. */
  public void refuseWith(int status) {
    this.refuseWith = status;
  }

  /** {@code http://127.0.0.1:PORT}, as {@code --proxy} takes it. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Tunnels opened so far (each a CONNECT answered 200). */
  public int tunnelsOpened() {
    return tunnels.get();
  }

  /** CONNECTs answered 407 so far (credentials missing or wrong). */
  public int challenges() {
    return challenges.get();
  }

  /** The {@code host:port} of every tunnel opened, in order. */
  public List<String> targets() {
    return List.copyOf(targets);
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        List<String> head = readHead(in);
        if (head.isEmpty()) {
          return;
        }
        String[] line = head.get(0).split(" ");
        if (line.length != 3 || !"CONNECT".equals(line[0])) {
          answer(out, 405, "Method Not Allowed", List.of("Connection: close"));
          return;
        }
        if (refuseWith != 0) {
          answer(out, refuseWith, "Refused", List.of("Connection: close"));
          return;
        }
        if (expectedAuthorization.isPresent()
            && !header(head, "proxy-authorization").equals(expectedAuthorization)) {
          challenges.incrementAndGet();
          answer(
              out,
              407,
              "Proxy Authentication Required",
              List.of("Proxy-Authenticate: Basic realm=\"test-proxy\"", "Content-Length: 0"));
          continue; // the client may answer the challenge on this connection
        }
        URI target = URI.create("tcp://" + line[1]);
        InetAddress address = InetAddress.getByName(target.getHost());
        if (!address.isLoopbackAddress()) {
          answer(out, 403, "Forbidden", List.of("Connection: close"));
          return;
        }
        try (Socket upstream = new Socket()) {
          upstream.connect(new InetSocketAddress(address, target.getPort()), 10_000);
          open.add(upstream);
          answer(out, 200, "Connection established", List.of());
          tunnels.incrementAndGet();
          targets.add(line[1]);
          threads.execute(() -> copy(in, upstream));
          copy(upstream.getInputStream(), client);
        }
        return;
      }
    } catch (IOException e) {
      // the client or the target went away: the tunnel ends
    }
  }

  private static Optional<String> header(List<String> head, String name) {
    for (String h : head.subList(1, head.size())) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(h.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** The request line and headers, up to the blank line; empty at the end of the stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        line.reset();
        if (text.isEmpty()) {
          if (lines.isEmpty()) {
            continue;
          }
          return lines;
        }
        lines.add(text);
        if (lines.size() > 100) {
          throw new IOException("too many header lines");
        }
      } else if (line.size() < 8192) {
        line.write(b);
      }
    }
    return List.of();
  }

  private static void answer(OutputStream out, int status, String reason, List<String> headers)
      throws IOException {
    StringBuilder s = new StringBuilder("HTTP/1.1 " + status + " " + reason + "\r\n");
    headers.forEach(h -> s.append(h).append("\r\n"));
    if (status != 200 && headers.stream().noneMatch(h -> h.startsWith("Content-Length"))) {
      s.append("Content-Length: 0\r\n");
    }
    s.append("\r\n");
    out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Copies until the source ends, then half-closes the sink so the other side sees the end. */
  private static void copy(InputStream from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = from.read(buffer)) != -1) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (SocketException e) {
      // closed under us: the tunnel is over
    } catch (IOException e) {
      // the same
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
