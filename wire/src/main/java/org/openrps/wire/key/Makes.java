package org.openrps.wire.key;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Names a device's make from the IANA private enterprise number in its sysObjectID, from a data
 * file ({@value #RESOURCE}): one line per number, {@code N=Manufacturer} or {@code
 * N=Manufacturer|Brand} where devices are sold under another name than their maker's, and {@code
 * renamed.N=Current name} where the maker of enterprise N has been renamed: the {@code
 * Manufacturer} stays the make of the device key (renaming it would change every stored key, ADR
 * 0013), the current name is what {@link Make#current()} gives.
 */
public final class Makes {

  /** Classpath location of the make table shipped in the wire jar. */
  public static final String RESOURCE = "/org/openrps/wire/key/makes.properties";

  private static final String RENAMED = "renamed.";

  /** The sysObjectID prefix of private enterprises: 1.3.6.1.4.1. */
  public static final String ENTERPRISES = "1.3.6.1.4.1";

  /** The make of a device whose sysObjectID is not under {@link #ENTERPRISES}. */
  public static final String UNKNOWN = "unknown";

  /**
   * One row of the table.
   *
   * @param enterprise the private enterprise number
   * @param manufacturer who makes the devices: the {@link DeviceKey#make()}
   * @param brand the name the devices are sold under, when it is not the manufacturer's
   * @param renamed the manufacturer's current name, when it has been renamed since
   */
  public record Make(
      long enterprise, String manufacturer, Optional<String> brand, Optional<String> renamed) {
    public Make {
      Objects.requireNonNull(manufacturer, "manufacturer");
      brand = brand == null ? Optional.empty() : brand;
      renamed = renamed == null ? Optional.empty() : renamed;
    }

    public Make(long enterprise, String manufacturer, Optional<String> brand) {
      this(enterprise, manufacturer, brand, Optional.empty());
    }

    /** Who makes the devices, under the maker's current name. */
    public String current() {
      return renamed.orElse(manufacturer);
    }
  }

  private final Map<Long, Make> byEnterprise;

  private Makes(Map<Long, Make> byEnterprise) {
    this.byEnterprise = Map.copyOf(byEnterprise);
  }

  /** The table shipped in the wire jar. */
  public static Makes standard() {
    try (InputStream in = Makes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** A table in the format of {@value #RESOURCE}; {@code source} names it in error messages. */
  static Makes parse(Reader in, String source) throws IOException {
    Properties p = new Properties();
    p.load(in);
    Map<Long, Make> map = new HashMap<>();
    Map<Long, String> renamed = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(RENAMED)) {
        try {
          String now = p.getProperty(key).strip();
          if (now.isEmpty()) {
            throw new IllegalStateException(source + ": " + key + " needs the current name");
          }
          renamed.put(Long.parseLong(key.substring(RENAMED.length()).strip()), now);
        } catch (NumberFormatException e) {
          throw new IllegalStateException(
              source + ": key \"" + key + "\" is not renamed.<enterprise number>", e);
        }
        continue;
      }
      long enterprise;
      try {
        enterprise = Long.parseLong(key.strip());
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            source + ": key \"" + key + "\" is not an enterprise number", e);
      }
      String[] parts = p.getProperty(key).split("\\|", -1);
      String manufacturer = parts[0].strip();
      if (manufacturer.isEmpty() || parts.length > 2) {
        throw new IllegalStateException(
            source + ": enterprise " + key + " needs Manufacturer or Manufacturer|Brand");
      }
      Optional<String> brand =
          parts.length == 2
              ? Optional.of(parts[1].strip()).filter(b -> !b.isEmpty())
              : Optional.empty();
      map.put(enterprise, new Make(enterprise, manufacturer, brand, Optional.empty()));
    }
    for (Map.Entry<Long, String> r : renamed.entrySet()) {
      Make m = map.get(r.getKey());
      if (m == null) {
        throw new IllegalStateException(
            source + ": renamed." + r.getKey() + " names an enterprise the table does not list");
      }
      map.put(
          r.getKey(),
          new Make(m.enterprise(), m.manufacturer(), m.brand(), Optional.of(r.getValue())));
    }
    return new Makes(map);
  }

  /** The enterprise number of a dotted sysObjectID, when it lies under 1.3.6.1.4.1. */
  public static OptionalLong enterpriseOf(String sysObjectId) {
    Objects.requireNonNull(sysObjectId, "sysObjectId");
    String prefix = ENTERPRISES + ".";
    if (!sysObjectId.startsWith(prefix)) {
      return OptionalLong.empty();
    }
    String rest = sysObjectId.substring(prefix.length());
    int dot = rest.indexOf('.');
    String arc = dot < 0 ? rest : rest.substring(0, dot);
    try {
      long n = Long.parseLong(arc);
      return n >= 0 && n <= 0xFFFF_FFFFL ? OptionalLong.of(n) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** The row for an enterprise number, if the table has one. */
  public Optional<Make> byEnterprise(long enterprise) {
    return Optional.ofNullable(byEnterprise.get(enterprise));
  }

  /** The enterprise numbers whose manufacturer is {@code manufacturer}, in ascending order. */
  public java.util.SortedSet<Long> enterprisesOf(String manufacturer) {
    java.util.SortedSet<Long> out = new java.util.TreeSet<>();
    for (Make m : byEnterprise.values()) {
      if (m.manufacturer().equals(manufacturer)) {
        out.add(m.enterprise());
      }
    }
    return java.util.Collections.unmodifiableSortedSet(out);
  }

  /** Every name in the table (manufacturers, brands, current names), each once, sorted. */
  public java.util.SortedSet<String> names() {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    for (Make m : byEnterprise.values()) {
      out.add(m.manufacturer());
      m.brand().ifPresent(out::add);
      m.renamed().ifPresent(out::add);
    }
    return java.util.Collections.unmodifiableSortedSet(out);
  }

  /** The row for a dotted sysObjectID, if the table knows its enterprise. */
  public Optional<Make> bySysObjectId(String sysObjectId) {
    OptionalLong n = enterpriseOf(sysObjectId);
    return n.isPresent() ? byEnterprise(n.getAsLong()) : Optional.empty();
  }

  /**
   * The make (manufacturer) for a dotted sysObjectID: the name from the table, {@code "enterprise
   * N"} for an enterprise number the table does not know, {@value #UNKNOWN} when sysObjectID is not
   * under 1.3.6.1.4.1.
   */
  public String makeOf(String sysObjectId) {
    OptionalLong n = enterpriseOf(sysObjectId);
    if (n.isEmpty()) {
      return UNKNOWN;
    }
    return byEnterprise(n.getAsLong())
        .map(Make::manufacturer)
        .orElse("enterprise " + n.getAsLong());
  }
}
