package org.openrps.snmp.mib;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Names of the Printer MIB alert enumerations, from a data file. */
public final class PrinterMibNames {

  public static final String RESOURCE = "/org/openrps/snmp/mib/printer-mib-names.properties";

  private final Map<String, String> names;

  private PrinterMibNames(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  public static PrinterMibNames standard() {
    try (InputStream in = PrinterMibNames.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> map = new HashMap<>();
      for (String key : p.stringPropertyNames()) {
        if (!key.matches("(severity|training|group|code|deviceType)\\.[0-9]+")) {
          throw new IllegalStateException(RESOURCE + ": key " + key + " is not <enum>.<code>");
        }
        map.put(key, p.getProperty(key).strip());
      }
      return new PrinterMibNames(map);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The name of {@code code} in enumeration {@code kind}, or {@code other(N)}. */
  public String name(String kind, long code) {
    String n = names.get(kind + "." + code);
    return n != null ? n : "other(" + code + ")";
  }
}
