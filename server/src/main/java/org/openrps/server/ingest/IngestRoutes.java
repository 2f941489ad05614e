package org.openrps.server.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.http.Request;
import org.openrps.server.http.Response;
import org.openrps.server.http.Routes;
import org.openrps.wire.Receipt;
import org.openrps.wire.Report;

/** {@code POST /api/v1/reports}: an agent's or device's upload. */
public final class IngestRoutes implements Routes.Feature {

  private final ReportDecoder decoder;
  private final Ingestion ingestion;
  private final MeterRegistry metrics;

  public IngestRoutes(ReportDecoder decoder, Ingestion ingestion, MeterRegistry metrics) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void routes(Routes r) {
    r.post(Routes.V1 + "/reports", this::postReport);
  }

  private Response postReport(Request request) {
    ClientPrincipal client = request.client();
    ingestion.admit(client);
    long length = request.contentLength();
    decoder.checkDeclaredLength(length);
    Report report =
        decoder.decode(
            new ReportDecoder.Body(
                request.bodyStream(),
                length,
                request.header("Content-Type").orElse(null),
                request.header("Content-Encoding").orElse(null)));
    Receipt receipt = ingestion.accept(client, report);
    if (!receipt.duplicate()) {
      metrics.counter("openrps.reports.stored").increment();
      metrics.counter("openrps.snapshots.stored").increment(receipt.devices());
    }
    return Response.json(receipt.duplicate() ? 200 : 201, receipt);
  }
}
