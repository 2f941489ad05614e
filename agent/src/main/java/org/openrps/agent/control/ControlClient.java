package org.openrps.agent.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends one request to a running agent's {@link ControlSocket} and reads its answer. */
public final class ControlClient {

  private ControlClient() {}

  /**
   * Sends {@code command} to the agent that runs with {@code dataDir}; blocks until it answers (a
   * sync may take a while).
   *
   * @throws NotRunning when no agent listens there
   */
  public static String send(Path dataDir, String command) {
    Path path = dataDir.resolve(ControlSocket.FILE).toAbsolutePath();
    if (!Files.exists(path)) {
      throw new NotRunning(
          "no agent is running with data directory " + dataDir + " (no " + path + ")");
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(path));
      channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
      channel.shutdownOutput();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(4096);
      while (channel.read(buffer) >= 0) {
        answer.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return answer.toString(StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new NotRunning(
          "no agent is running with data directory "
              + dataDir
              + " ("
              + path
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")");
    }
  }

  /** True when an agent accepts connections on the socket at {@code path}. */
  static boolean answers(Path path) {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(path));
      channel.write(ByteBuffer.wrap("ping\n".getBytes(StandardCharsets.UTF_8)));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** No agent listens on the data directory's control socket. */
  public static final class NotRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotRunning(String message) {
      super(message);
    }
  }
}
