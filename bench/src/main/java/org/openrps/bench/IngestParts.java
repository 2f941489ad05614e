package org.openrps.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.openrps.server.ingest.ReportDecoder;
import org.openrps.server.ingest.ReportRepository;
import org.openrps.server.store.Database;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.Report;
import org.openrps.wire.WireJson;

/**
 * Where one upload's time goes, without HTTP: the load generator's own work (build and gzip a
 * report), the server's decoding (inflate, parse, JSON Schema, mapping) and the store (one
 * transaction on PostgreSQL, and the part of it spent on this JVM's CPU), each timed alone on one
 * thread.
 *
 * <p>{@code IngestParts [devicesPerReport] [reports]}; PostgreSQL as for {@link IngestBench}.
 */
public final class IngestParts {

  private IngestParts() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int reports = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    String base =
        Optional.ofNullable(System.getenv("OPENRPS_BENCH_PG_URL"))
            .orElse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    ObjectMapper json = WireJson.newMapper();
    ReportDecoder decoder = new ReportDecoder(json, ReportDecoder.DEFAULT_MAX_BYTES);
    String schema = "parts_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection c = DriverManager.getConnection(base);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    try (Database db = Database.open(url, 4)) {
      ReportRepository repo = new ReportRepository(db, json);
      long build = 0;
      long gzip = 0;
      long decode = 0;
      long store = 0;
      long storeCpu = 0;
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      for (int round = 0; round < 2; round++) {
        build = gzip = decode = store = storeCpu = 0;
        for (int i = 0; i < reports; i++) {
          int seq = round * reports + i;
          long t0 = System.nanoTime();
          Report r =
              IngestBench.report(
                  "parts", seq, devices, Instant.now().truncatedTo(ChronoUnit.MILLIS));
          long t1 = System.nanoTime();
          byte[] body = WireJson.gzip(json, r);
          long t2 = System.nanoTime();
          Report decoded =
              decoder.decode(
                  new ReportDecoder.Body(
                      new ByteArrayInputStream(body), body.length, "application/json", "gzip"));
          long t3 = System.nanoTime();
          long c3 = threads.getCurrentThreadCpuTime();
          repo.store(
              TenantId.of("default"),
              SiteId.of("default"),
              decoded,
              Instant.now().truncatedTo(ChronoUnit.MILLIS));
          long t4 = System.nanoTime();
          storeCpu += threads.getCurrentThreadCpuTime() - c3;
          build += t1 - t0;
          gzip += t2 - t1;
          decode += t3 - t2;
          store += t4 - t3;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%d reports of %d devices, ms per report: build %.2f, gzip %.2f, decode %.2f,"
              + " store %.2f (of which this JVM's CPU %.2f)%n",
          reports,
          devices,
          build / 1e6 / reports,
          gzip / 1e6 / reports,
          decode / 1e6 / reports,
          store / 1e6 / reports,
          storeCpu / 1e6 / reports);
    } finally {
      try (Connection c = DriverManager.getConnection(base);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }
}
