package org.openrps.agent.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent's control socket: a Unix domain socket in its data directory, readable and
 * writable by its owner only, through which another shell of the same user asks it to act ({@code
 * openrps agent sync-now}). One request per connection: a line with the command; the answer is
 * text, then the connection closes.
 *
 * <p>It also keeps a second agent off the same data directory: start-up fails while another agent
 * answers on the socket, and a socket left by an agent that died is replaced.
 */
public final class ControlSocket implements AutoCloseable {

  /** The socket's file name in the data directory. */
  public static final String FILE = "agent.sock";

  /** The longest request line read. */
  static final int MAX_REQUEST = 256;

  /** How long closing waits for the answer under way (a sync that ends). */
  static final java.time.Duration ANSWER_WAIT = java.time.Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(ControlSocket.class);

  private final Path path;
  private final ServerSocketChannel server;
  private final Thread acceptor;

  private ControlSocket(Path path, ServerSocketChannel server, Function<String, String> handler) {
    this.path = path;
    this.server = server;
    this.acceptor = new Thread(() -> serve(handler), "openrps-agent-control");
    this.acceptor.setDaemon(true);
  }

  /**
   * Opens the socket in {@code dataDir} and serves requests with {@code handler} on its own thread
   * (one request at a time).
   *
   * @throws AlreadyRunning when another agent answers on the socket
   * @throws UncheckedIOException when the socket cannot be made (the agent can run without it)
   */
  public static ControlSocket open(Path dataDir, Function<String, String> handler) {
    Objects.requireNonNull(handler, "handler");
    Path path = dataDir.resolve(FILE).toAbsolutePath();
    if (Files.exists(path)) {
      if (ControlClient.answers(path)) {
        throw new AlreadyRunning(
            "another agent is running with data directory "
                + dataDir
                + " (it answers on "
                + path
                + ")");
      }
      try {
        Files.delete(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the stale socket " + path, e);
      }
    }
    ServerSocketChannel server = null;
    try {
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      throw new UncheckedIOException(
          "cannot open the control socket "
              + path
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e instanceof IOException io ? io : new IOException(e));
    }
    ControlSocket socket = new ControlSocket(path, server, handler);
    socket.acceptor.start();
    log.info("{} - control socket open", path);
    return socket;
  }

  public Path path() {
    return path;
  }

  private void serve(Function<String, String> handler) {
    while (server.isOpen()) {
      try (SocketChannel client = server.accept()) {
        String request = readLine(client);
        String answer;
        try {
          answer = handler.apply(request);
        } catch (RuntimeException e) {
          log.warn("control request '{}' failed", request, e);
          answer = "error: " + e.getMessage();
        }
        client.write(ByteBuffer.wrap((answer + "\n").getBytes(StandardCharsets.UTF_8)));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
        log.debug("control connection failed: {}", e.toString());
      }
    }
  }

  static String readLine(SocketChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_REQUEST);
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer);
      if (n < 0) {
        break;
      }
      byte[] seen = buffer.array();
      for (int i = buffer.position() - n; i < buffer.position(); i++) {
        if (seen[i] == '\n') {
          return new String(seen, 0, i, StandardCharsets.UTF_8).trim();
        }
      }
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
  }

  /** Stops taking requests; the one being answered, if any, is answered first. */
  @Override
  public void close() {
    closeQuietly(server);
    try {
      acceptor.join(ANSWER_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.debug("cannot remove {}: {}", path, e.toString());
    }
  }

  private static void closeQuietly(ServerSocketChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      log.debug("closing the control socket: {}", e.toString());
    }
  }

  /** Another agent runs with the same data directory. */
  public static final class AlreadyRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyRunning(String message) {
      super(message);
    }
  }
}
