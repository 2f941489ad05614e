package org.openrps.agent.target;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The addresses to scan, as written by an administrator: single addresses ({@code 127.50.0.1}, IPv6
 * literals too), IPv4 ranges ({@code 127.50.0.1-127.50.0.200}, or {@code 127.50.0.1-200} for the
 * last octet), IPv4 CIDR blocks ({@code 127.50.0.0/24}, hosts only) and host names ({@code
 * printer-3.example.com}, resolved once, when the list is parsed), separated by commas and/or white
 * space. An element written with a leading {@code !} is an exclusion: its addresses are left out of
 * the sweep ({@code 127.50.0.0/24 !127.50.0.1-9}).
 *
 * <p>Parsing validates everything and the expanded list is capped at {@link #MAX_ADDRESSES}, so a
 * typo such as {@code 10.0.0.0/8} fails with a clear message instead of a week-long sweep.
 */
public final class TargetList {

  /** The most addresses one target list may expand to: a /16. */
  public static final int MAX_ADDRESSES = 65_536;

  private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private final List<TargetSpec> specs;
  private final List<TargetSpec> exclusions;
  private final long size;

  private TargetList(List<TargetSpec> specs, List<TargetSpec> exclusions, long size) {
    this.specs = List.copyOf(specs);
    this.exclusions = List.copyOf(exclusions);
    this.size = size;
  }

  /**
   * Parses a target list.
   *
   * @throws IllegalArgumentException naming the element that is wrong and why, or the size when the
   *     list expands to more than {@link #MAX_ADDRESSES} addresses
   */
  public static TargetList of(String text) {
    Objects.requireNonNull(text, "text");
    List<TargetSpec> specs = new ArrayList<>();
    List<TargetSpec> exclusions = new ArrayList<>();
    long total = 0;
    for (String token : SEPARATORS.split(text.strip())) {
      if (token.isEmpty()) {
        continue;
      }
      if (token.startsWith("!")) {
        if (token.length() == 1) {
          throw new IllegalArgumentException("\"!\" needs an address, range or block to exclude");
        }
        exclusions.add(parse(token.substring(1)));
        continue;
      }
      TargetSpec spec = parse(token);
      specs.add(spec);
      total += spec.size();
      if (total > MAX_ADDRESSES) {
        throw new IllegalArgumentException(
            "targets \""
                + abbreviate(text)
                + "\" expand to more than "
                + MAX_ADDRESSES
                + " addresses (at \""
                + token
                + "\"); split the sweep or narrow the ranges");
      }
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("no targets given: expected addresses, ranges or CIDR");
    }
    return new TargetList(specs, exclusions, total);
  }

  /** The excluded elements (written with a leading {@code !}), in the order given. */
  public List<TargetSpec> exclusions() {
    return exclusions;
  }

  /** The elements as parsed, in the order given. */
  public List<TargetSpec> specs() {
    return specs;
  }

  /** Every address, in the order given, each once. */
  public List<InetAddress> addresses() {
    Set<InetAddress> all = new LinkedHashSet<>();
    for (TargetSpec spec : specs) {
      spec.forEach(
          a -> {
            if (exclusions.stream().noneMatch(x -> x.contains(a))) {
              all.add(a);
            }
          });
    }
    return List.copyOf(all);
  }

  /** True when {@code address} lies in one of the elements and in no exclusion. */
  public boolean contains(InetAddress address) {
    return specs.stream().anyMatch(s -> s.contains(address))
        && exclusions.stream().noneMatch(s -> s.contains(address));
  }

  /** How many addresses the elements stand for, counting overlaps twice. */
  public long size() {
    return size;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>(specs.stream().map(TargetSpec::toString).toList());
    exclusions.forEach(x -> parts.add("!" + x));
    return String.join(",", parts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetList other
        && specs.equals(other.specs)
        && exclusions.equals(other.exclusions);
  }

  @Override
  public int hashCode() {
    return 31 * specs.hashCode() + exclusions.hashCode();
  }

  private static TargetSpec parse(String token) {
    int slash = token.indexOf('/');
    if (slash >= 0) {
      Inet4Address network = ipv4(token.substring(0, slash), token);
      String prefix = token.substring(slash + 1);
      if (!prefix.matches("\\d{1,2}") || Integer.parseInt(prefix) > 32) {
        throw new IllegalArgumentException(
            "\"" + token + "\" is not a CIDR block: the prefix must be 0 to 32");
      }
      return new TargetSpec.Cidr(network, Integer.parseInt(prefix));
    }
    int dash = token.indexOf('-');
    if (dash >= 0 && token.indexOf(':') < 0) {
      String left = token.substring(0, dash);
      String right = token.substring(dash + 1);
      Inet4Address first = ipv4(left, token);
      Inet4Address last;
      if (OCTET.matcher(right).matches()) {
        last = ipv4(left.substring(0, left.lastIndexOf('.') + 1) + right, token);
      } else {
        last = ipv4(right, token);
      }
      try {
        return new TargetSpec.Range(first, last);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"" + token + "\": " + e.getMessage(), e);
      }
    }
    if (token.indexOf(':') >= 0) {
      return new TargetSpec.Single(ipv6(token));
    }
    if (!IPV4.matcher(token).matches()
        && HOST_NAME.matcher(token).matches()
        && token.chars().anyMatch(Character::isLetter)) {
      return host(token);
    }
    return new TargetSpec.Single(ipv4(token, token));
  }

  private static TargetSpec host(String name) {
    try {
      List<InetAddress> addresses = List.of(InetAddress.getAllByName(name));
      return new TargetSpec.Host(name, addresses);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("host name \"" + name + "\" does not resolve", e);
    }
  }

  private static Inet4Address ipv4(String text, String token) {
    if (!IPV4.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "\""
              + token
              + "\" is not an IPv4 address, range (a.b.c.d-e.f.g.h), CIDR block (a.b.c.d/n)"
              + " or host name");
    }
    try {
      // A dotted-quad literal: no name lookup happens.
      return (Inet4Address) InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + token + "\" is not an IPv4 address", e);
    }
  }

  private static InetAddress ipv6(String text) {
    String literal =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!literal.matches("[0-9A-Fa-f:.]+")) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IPv6 address");
    }
    try {
      // Contains ':' and only hex digits, colons and dots: parsed as a literal, never looked up.
      InetAddress a = InetAddress.getByName(literal);
      if (!(a instanceof Inet6Address) && !(a instanceof Inet4Address)) {
        throw new IllegalArgumentException("\"" + text + "\" is not an IPv6 address");
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IPv6 address", e);
    }
  }

  private static String abbreviate(String text) {
    String s = text.strip();
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
