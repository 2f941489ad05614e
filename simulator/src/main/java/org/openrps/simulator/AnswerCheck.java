package org.openrps.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that every address answers an SNMPv2c GET of sysObjectID, cheaply enough for thousands at
 * start-up: one socket, one request encoded once (only its request id changes), up to {@link
 * #WINDOW} in flight, a reply counted by the address it came from and its request id. Missing
 * answers are asked again, with a longer wait each round, until a deadline.
 */
final class AnswerCheck {

  private static final int WINDOW = 256;
  private static final int ROUNDS = 6;
  private static final byte[] SYS_OBJECT_ID = {
    0x06, 0x08, 0x2B, 0x06, 0x01, 0x02, 0x01, 0x01, 0x02, 0x00
  };

  private AnswerCheck() {}

  /**
   * Returns when every address has answered.
   *
   * @throws IOException naming an address that did not answer within its rounds
   */
  static void await(List<InetSocketAddress> addresses, String community) throws IOException {
    if (addresses.isEmpty()) {
      return;
    }
    Map<InetSocketAddress, Integer> index = new HashMap<>(addresses.size() * 2);
    for (int i = 0; i < addresses.size(); i++) {
      index.put(addresses.get(i), i);
    }
    boolean[] answered = new boolean[addresses.size()];
    int missing = addresses.size();
    InetAddress local = addresses.get(0).getAddress();
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0))) {
      socket.setReceiveBufferSize(1 << 21);
      byte[] buffer = new byte[4_096];
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      Duration wait = Duration.ofMillis(200);
      for (int round = 0; round < ROUNDS && missing > 0; round++) {
        int inFlight = 0;
        for (int i = 0; i < addresses.size(); i++) {
          if (answered[i]) {
            continue;
          }
          byte[] request = request(community, i);
          socket.send(new DatagramPacket(request, request.length, addresses.get(i)));
          inFlight++;
          if (inFlight >= WINDOW) {
            missing -= drain(socket, in, index, answered, inFlight / 2, wait);
            inFlight = inFlight / 2;
          }
        }
        missing -= drain(socket, in, index, answered, inFlight, wait);
        wait = wait.multipliedBy(2);
      }
    }
    for (int i = 0; i < answered.length; i++) {
      if (!answered[i]) {
        throw new IOException(
            "a simulated printer does not answer: " + addresses.get(i) + " (and maybe others)");
      }
    }
  }

  /** Reads replies until {@code expected} new ones came or none came for {@code wait}. */
  private static int drain(
      DatagramSocket socket,
      DatagramPacket in,
      Map<InetSocketAddress, Integer> index,
      boolean[] answered,
      int expected,
      Duration wait)
      throws IOException {
    int got = 0;
    socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
    while (got < expected) {
      try {
        in.setLength(in.getData().length);
        socket.receive(in);
      } catch (SocketTimeoutException e) {
        return got;
      }
      Integer i = index.get((InetSocketAddress) in.getSocketAddress());
      Optional<Long> id = Ber.requestId(in.getData(), in.getLength());
      if (i != null && id.isPresent() && id.get() == i.longValue() && !answered[i]) {
        answered[i] = true;
        got++;
      }
    }
    return got;
  }

  /** GET sysObjectID.0, v2c, request id {@code id}. */
  static byte[] request(String community, int id) {
    ByteArrayOutputStream varbind = new ByteArrayOutputStream();
    varbind.writeBytes(SYS_OBJECT_ID);
    varbind.writeBytes(new byte[] {0x05, 0x00});
    byte[] vb = tlv(0x30, varbind.toByteArray());
    byte[] list = tlv(0x30, vb);
    ByteArrayOutputStream pdu = new ByteArrayOutputStream();
    pdu.writeBytes(
        new byte[] {
          0x02, 0x04, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id
        });
    pdu.writeBytes(new byte[] {0x02, 0x01, 0x00, 0x02, 0x01, 0x00});
    pdu.writeBytes(list);
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes(new byte[] {0x02, 0x01, 0x01});
    message.writeBytes(tlv(0x04, community.getBytes(StandardCharsets.UTF_8)));
    message.writeBytes(tlv(0xA0, pdu.toByteArray()));
    return tlv(0x30, message.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 4);
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
