package org.openrps.simulator;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Where the printers of a fleet answer: consecutive loopback addresses. */
final class Addresses {

  private Addresses() {}

  /**
   * {@code count} addresses counting up from {@code first} (included unless it ends in .0 or .255),
   * skipping every address whose last octet is 0 or 255.
   *
   * @throws IllegalArgumentException when they would leave 127.0.0.0/8
   */
  static List<InetAddress> consecutive(InetAddress first, int count) {
    if (!(first instanceof Inet4Address) || first.getAddress()[0] != 127) {
      throw new IllegalArgumentException("not in 127.0.0.0/8: " + first.getHostAddress());
    }
    List<InetAddress> out = new ArrayList<>(count);
    long next = toLong(first);
    while (out.size() < count) {
      if ((next >>> 24) != 127) {
        throw new IllegalArgumentException(
            count + " addresses from " + first.getHostAddress() + " leave 127.0.0.0/8");
      }
      int host = (int) (next & 0xFF);
      if (host != 0 && host != 255) {
        out.add(fromLong(next));
      }
      next++;
    }
    return out;
  }

  private static long toLong(InetAddress address) {
    long value = 0;
    for (byte b : address.getAddress()) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  private static InetAddress fromLong(long value) {
    try {
      return InetAddress.getByAddress(
          new byte[] {
            (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
          });
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are an IPv4 address", e);
    }
  }
}
