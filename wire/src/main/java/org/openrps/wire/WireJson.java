package org.openrps.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** The one JSON mapping of the wire records, shared by every sender and receiver. */
public final class WireJson {

  /** Classpath location of the JSON Schema of the report version this code writes. */
  public static final String REPORT_SCHEMA_RESOURCE = "/org/openrps/wire/report-7.schema.json";

  /** Classpath location of the JSON Schema of {@code openrps.report/1}. */
  public static final String REPORT_1_SCHEMA_RESOURCE = "/org/openrps/wire/report-1.schema.json";

  /** Classpath location of the JSON Schema of {@code openrps.report/2}. */
  public static final String REPORT_2_SCHEMA_RESOURCE = "/org/openrps/wire/report-2.schema.json";

  /** Each version read, with its published schema's name, oldest first. */
  private static final Map<String, String> SCHEMA_NAMES =
      Map.of(
          Report.SCHEMA_1,
          "report-1",
          Report.SCHEMA_2,
          "report-2",
          Report.SCHEMA_3,
          "report-3",
          Report.SCHEMA_4,
          "report-4",
          Report.SCHEMA_5,
          "report-5",
          Report.SCHEMA_6,
          "report-6",
          Report.SCHEMA_7,
          "report-7");

  private static final java.util.List<String> VERSIONS =
      java.util.List.of(
          Report.SCHEMA_1,
          Report.SCHEMA_2,
          Report.SCHEMA_3,
          Report.SCHEMA_4,
          Report.SCHEMA_5,
          Report.SCHEMA_6,
          Report.SCHEMA_7);

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

  /**
   * The JSON Schema (draft 2020-12) that a receiver validates reports with: it accepts a report of
   * every version in {@link Report#SCHEMAS}, each by its own published schema (chosen by the
   * report's {@code schema} field). One self-contained document: the published schemas are in its
   * {@code $defs}, so no reference leaves it.
   */
  public static InputStream reportSchema() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://openrps.org/schema/report.schema.json");
    root.put("title", "OpenRPS report, any accepted schema version");
    root.put("type", "object");
    root.putArray("required").add("schema");
    ArrayNode versions = root.putObject("properties").putObject("schema").putArray("enum");
    VERSIONS.forEach(versions::add);
    // One "if schema is V then V's rules" per version: a report meets exactly its own version's.
    ArrayNode each = root.putArray("allOf");
    ObjectNode defs = json.createObjectNode();
    for (String version : VERSIONS) {
      String name = SCHEMA_NAMES.get(version);
      ObjectNode rule = each.addObject();
      rule.putObject("if").putObject("properties").putObject("schema").put("const", version);
      rule.putObject("then").put("$ref", "#/$defs/" + name);
      defs.set(name, embedded(json, version, name));
    }
    root.set("$defs", defs);
    try {
      return new ByteArrayInputStream(json.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the combined report schema", e);
    }
  }

  /**
   * The published JSON Schema of one report version, as in the wire jar.
   *
   * @throws IllegalArgumentException for a version not in {@link Report#SCHEMAS}
   */
  public static InputStream reportSchema(String schemaVersion) {
    String name = SCHEMA_NAMES.get(schemaVersion);
    if (name == null) {
      throw new IllegalArgumentException("no published schema for " + schemaVersion);
    }
    String resource = "/org/openrps/wire/" + name + ".schema.json";
    InputStream in = WireJson.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("report schema " + resource + " missing from the wire jar");
    }
    return in;
  }

  /**
   * A published schema as a subschema at {@code #/$defs/<name>}: its own references moved there.
   */
  private static JsonNode embedded(ObjectMapper json, String schemaVersion, String name) {
    JsonNode schema;
    try (InputStream in = reportSchema(schemaVersion)) {
      schema = json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema of " + schemaVersion, e);
    }
    ObjectNode object = (ObjectNode) schema;
    object.remove("$schema");
    object.remove("$id");
    rebase(object, "#/$defs/", "#/$defs/" + name + "/$defs/");
    return object;
  }

  private static void rebase(JsonNode node, String from, String to) {
    if (node instanceof ObjectNode o) {
      JsonNode ref = o.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(from)) {
        o.put("$ref", to + ref.asText().substring(from.length()));
      }
      o.elements().forEachRemaining(child -> rebase(child, from, to));
    } else if (node instanceof ArrayNode a) {
      a.elements().forEachRemaining(child -> rebase(child, from, to));
    }
  }
}
