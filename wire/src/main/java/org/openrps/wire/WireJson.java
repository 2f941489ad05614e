package org.openrps.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** The one JSON mapping of the wire records, shared by every sender and receiver. */
public final class WireJson {

  /** Classpath location of the report's JSON Schema. */
  public static final String REPORT_SCHEMA_RESOURCE = "/org/openrps/wire/report-1.schema.json";

  private WireJson() {}

  /** A new mapper configured for the wire format: ISO-8601 instants, no nulls, strict reads. */
  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(new Jdk8Module())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .setSerializationInclusion(JsonInclude.Include.NON_ABSENT);
  }

  /** The report as gzip-compressed JSON, ready to upload. */
  public static byte[] gzip(ObjectMapper mapper, Report report) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      mapper.writeValue(gzip, report);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode report " + report.reportId(), e);
    }
    return bytes.toByteArray();
  }

  /** The report's JSON Schema (draft 2020-12), as published. */
  public static InputStream reportSchema() {
    InputStream in = WireJson.class.getResourceAsStream(REPORT_SCHEMA_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("report schema missing from the wire jar");
    }
    return in;
  }
}
