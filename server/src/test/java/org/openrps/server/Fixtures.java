package org.openrps.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.MeterReading;
import org.openrps.wire.Report;
import org.openrps.wire.Source;
import org.openrps.wire.SupplyReading;

/** Reports, databases and TLS trust for the server's tests. */
public final class Fixtures {

  /** The PostgreSQL the tests use; {@code OPENRPS_TEST_PG_URL} overrides it. */
  public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private Fixtures() {}

  public static DeviceSnapshot device(
      String make, String serial, long pages, int tonerLevel, Instant t) {
    DeviceIdentity id =
        new DeviceIdentity(
            make,
            make + " Model 1",
            serial,
            "1.3.6.1.4.1.11.2.3.9.1",
            Optional.of("00:1b:78:00:00:01"),
            Optional.empty(),
            Optional.of("prn-" + serial),
            t);
    return new DeviceSnapshot(
        id,
        "127.50.0.1",
        t,
        List.of(new MeterReading(MeterReading.TOTAL, pages, "1.3.6.1.2.1.43.10.2.1.4.1.1", t)),
        List.of(
            new SupplyReading(
                1, "Black Toner", "toner", "supplyThatIsConsumed", "percent", 100, tonerLevel, t),
            new SupplyReading(
                2, "Waste Toner", "wasteToner", "receptacleThatIsFilled", "percent", 100, 5, t),
            new SupplyReading(
                3, "Cyan Toner", "toner", "supplyThatIsConsumed", "percent", 100, -3, t)),
        new DeviceStatus("idle", List.of("lowToner"), t));
  }

  public static Report report(
      String reportId, String agentId, Instant t, DeviceSnapshot... devices) {
    return Report.of(
        reportId, new Source(Source.Kind.agent, agentId, "0.1.0"), t, List.of(devices));
  }

  /** A report with {@code count} devices HP-S0000 … of the given pages. */
  public static Report report(String reportId, String agentId, Instant t, int count) {
    List<DeviceSnapshot> devices = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      devices.add(device("HP", String.format(Locale.ROOT, "S%04d", i), 1000 + i, 40 + i % 50, t));
    }
    return Report.of(reportId, new Source(Source.Kind.agent, agentId, "0.1.0"), t, devices);
  }

  public static String pgBaseUrl() {
    String url = System.getenv("OPENRPS_TEST_PG_URL");
    return url == null || url.isBlank() ? DEFAULT_PG_URL : url;
  }

  /** Makes a fresh schema for one test class; returns a URL whose current schema it is. */
  public static String freshPgSchema(String prefix) {
    String schema =
        (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(pgBaseUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is needed at "
              + pgBaseUrl()
              + " (set OPENRPS_TEST_PG_URL): "
              + e.getMessage(),
          e);
    }
    String base = pgBaseUrl();
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  public static void dropPgSchema(String url) {
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    try (Connection c = DriverManager.getConnection(pgBaseUrl());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop schema " + schema, e);
    }
  }

  /** Rows in a table, read over a connection of its own. */
  public static long count(String jdbcUrl, String table) {
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count " + table, e);
    }
  }

  /** A TLS context that trusts exactly the certificate in the PEM file. */
  public static SSLContext trusting(Path pem) {
    try {
      X509Certificate cert;
      try (var in = Files.newInputStream(pem)) {
        cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("openrps", cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust " + pem, e);
    }
  }
}
