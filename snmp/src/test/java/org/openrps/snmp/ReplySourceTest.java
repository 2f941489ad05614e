package org.openrps.snmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.mib.StandardMib;

/**
 * A reply that carries our request id but comes from another address (another device answering with
 * a colliding or stolen id) must never complete the request: on 127.81.4.x, device A's socket sends
 * the reply to a request made to device B, with other numbers than B's.
 */
class ReplySourceTest {

  private static final Oid LIFE = StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1);

  private SnmpResponder responder;
  private InetSocketAddress realB;
  private InetSocketAddress other;
  private ExecutorService thief;

  @BeforeEach
  void start() throws Exception {
    responder = SnmpResponder.start("reply-source-test", 1);
    // what B really says, and what the other device (A) says
    realB =
        responder.bind(
            ClientResponderTest.address("127.81.4.10", 0),
            "public",
            MibView.of(Map.of(LIFE, new SnmpValue.Counter32(4242))));
    other =
        responder.bind(
            ClientResponderTest.address("127.81.4.11", 0),
            "public",
            MibView.of(Map.of(LIFE, new SnmpValue.Counter32(9999))));
    thief = Executors.newSingleThreadExecutor(r -> new Thread(r, "reply-source-thief"));
  }

  @AfterEach
  void stop() throws Exception {
    thief.shutdownNow();
    assertThat(thief.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    responder.close();
  }

  @Test
  void aReplyFromAnotherAddressIsIgnoredAndTheRealOneIsDelivered() throws Exception {
    try (DatagramSocket a = new DatagramSocket(ClientResponderTest.address("127.81.4.1", 0));
        DatagramSocket b = new DatagramSocket(ClientResponderTest.address("127.81.4.2", 0));
        SnmpClient client = Snmp.openClient()) {
      Future<?> stealing =
          thief.submit(
              () -> {
                DatagramPacket request = receive(b);
                // A answers first, with B's request id and A's numbers
                send(a, ask(other, request), request.getSocketAddress());
                // then B's own reply
                send(b, ask(realB, request), request.getSocketAddress());
                return null;
              });
      List<VarBind> answer = client.get(target(b), List.of(LIFE)).join();
      stealing.get(5, TimeUnit.SECONDS);
      assertThat(answer).extracting(VarBind::value).containsExactly(new SnmpValue.Counter32(4242));
    }
  }

  @Test
  void onlyAReplyFromAnotherAddressEndsInATimeoutNotInItsData() throws Exception {
    try (DatagramSocket a = new DatagramSocket(ClientResponderTest.address("127.81.4.3", 0));
        DatagramSocket b = new DatagramSocket(ClientResponderTest.address("127.81.4.4", 0));
        SnmpClient client = Snmp.openClient()) {
      Future<?> stealing =
          thief.submit(
              () -> {
                DatagramPacket request = receive(b);
                send(a, ask(other, request), request.getSocketAddress());
                return null;
              });
      CompletableFuture<List<VarBind>> answer = client.get(target(b), List.of(LIFE));
      stealing.get(5, TimeUnit.SECONDS);
      assertThatThrownBy(answer::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(SnmpException.class)
          .satisfies(
              e -> assertThat(((SnmpException) e).kind()).isEqualTo(SnmpException.Kind.timeout));
    }
  }

  private static SnmpTarget target(DatagramSocket device) {
    return new SnmpTarget(
        (InetSocketAddress) device.getLocalSocketAddress(),
        SnmpCredentials.Community.v2c("public"),
        Duration.ofMillis(700),
        0);
  }

  private static DatagramPacket receive(DatagramSocket socket) throws Exception {
    DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
    socket.setSoTimeout(5_000);
    socket.receive(packet);
    return packet;
  }

  /** The reply a real agent at {@code agent} gives to the same datagram (same request id). */
  private static byte[] ask(InetSocketAddress agent, DatagramPacket request) throws Exception {
    try (DatagramSocket socket =
        new DatagramSocket(ClientResponderTest.address("127.81.4.20", 0))) {
      byte[] bytes = Arrays.copyOf(request.getData(), request.getLength());
      socket.send(new DatagramPacket(bytes, bytes.length, agent));
      DatagramPacket reply = receive(socket);
      return Arrays.copyOf(reply.getData(), reply.getLength());
    }
  }

  private static void send(DatagramSocket from, byte[] bytes, SocketAddress to) throws Exception {
    from.send(new DatagramPacket(bytes, bytes.length, to));
  }
}
