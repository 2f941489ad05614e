package org.openrps.agent.target;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One element of a target list: a single address, an IPv4 range or an IPv4 CIDR block. Made by
 * {@link TargetList#of(String)}.
 */
public sealed interface TargetSpec {

  /** How many addresses this element stands for. */
  long size();

  /** Feeds every address of this element, in ascending order, to {@code sink}. */
  void forEach(Consumer<InetAddress> sink);

  /** True when {@code address} lies in this element (for a CIDR block: anywhere in the block). */
  boolean contains(InetAddress address);

  /** One address, IPv4 or IPv6. */
  record Single(InetAddress address) implements TargetSpec {
    public Single {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public long size() {
      return 1;
    }

    @Override
    public void forEach(Consumer<InetAddress> sink) {
      sink.accept(address);
    }

    @Override
    public boolean contains(InetAddress other) {
      return address.equals(other);
    }

    @Override
    public String toString() {
      return address.getHostAddress();
    }
  }

  /** A host name, resolved when the target list was parsed, with the addresses it had then. */
  record Host(String name, List<InetAddress> addresses) implements TargetSpec {
    public Host {
      Objects.requireNonNull(name, "name");
      addresses = List.copyOf(addresses);
      if (addresses.isEmpty()) {
        throw new IllegalArgumentException("host " + name + " has no address");
      }
    }

    @Override
    public long size() {
      return addresses.size();
    }

    @Override
    public void forEach(Consumer<InetAddress> sink) {
      addresses.forEach(sink);
    }

    @Override
    public boolean contains(InetAddress address) {
      return addresses.contains(address);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** An inclusive IPv4 range, {@code first-last}. */
  record Range(Inet4Address first, Inet4Address last) implements TargetSpec {
    public Range {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(last, "last");
      if (toLong(first) > toLong(last)) {
        throw new IllegalArgumentException(
            "range " + first.getHostAddress() + "-" + last.getHostAddress() + " runs backwards");
      }
    }

    @Override
    public long size() {
      return toLong(last) - toLong(first) + 1;
    }

    @Override
    public void forEach(Consumer<InetAddress> sink) {
      for (long a = toLong(first); a <= toLong(last); a++) {
        sink.accept(fromLong(a));
      }
    }

    @Override
    public boolean contains(InetAddress address) {
      return address instanceof Inet4Address a
          && toLong(a) >= toLong(first)
          && toLong(a) <= toLong(last);
    }

    @Override
    public String toString() {
      return first.getHostAddress() + "-" + last.getHostAddress();
    }
  }

  /**
   * An IPv4 CIDR block. Its hosts only: for prefixes up to /30 the network and broadcast addresses
   * are left out; a /31 has two hosts (RFC 3021) and a /32 one.
   */
  record Cidr(Inet4Address network, int prefix) implements TargetSpec {
    public Cidr {
      Objects.requireNonNull(network, "network");
      if (prefix < 0 || prefix > 32) {
        throw new IllegalArgumentException("CIDR prefix must be 0 to 32, not " + prefix);
      }
      network = fromLong(toLong(network) & mask(prefix));
    }

    private long firstHost() {
      return prefix >= 31 ? toLong(network) : toLong(network) + 1;
    }

    private long lastHost() {
      long broadcast = toLong(network) | (~mask(prefix) & 0xFFFF_FFFFL);
      return prefix >= 31 ? broadcast : broadcast - 1;
    }

    @Override
    public long size() {
      return lastHost() - firstHost() + 1;
    }

    @Override
    public void forEach(Consumer<InetAddress> sink) {
      for (long a = firstHost(); a <= lastHost(); a++) {
        sink.accept(fromLong(a));
      }
    }

    @Override
    public boolean contains(InetAddress address) {
      return address instanceof Inet4Address a && (toLong(a) & mask(prefix)) == toLong(network);
    }

    @Override
    public String toString() {
      return network.getHostAddress() + "/" + prefix;
    }

    private static long mask(int prefix) {
      return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }
  }

  private static long toLong(Inet4Address a) {
    byte[] b = a.getAddress();
    return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
  }

  private static Inet4Address fromLong(long v) {
    byte[] b = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    try {
      return (Inet4Address) InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }
}
