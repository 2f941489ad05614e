package org.openrps.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.openrps.server.http.ApiException;
import org.openrps.wire.DeviceDelta;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.DeviceSnapshot;
import org.openrps.wire.Report;
import org.openrps.wire.SerialSource;
import org.openrps.wire.WireJson;
import org.openrps.wire.key.DeviceKey;

/**
 * Turns an upload body into a {@link Report}, or refuses it with a coded {@link ApiException}.
 *
 * <p>The body is JSON, gzip-compressed when the request says {@code Content-Encoding: gzip} (or,
 * equivalently, {@code Content-Type: application/gzip}); plain JSON is accepted too. Both the body
 * as sent and the JSON after inflation are limited to {@code maxBytes}: bytes are counted while
 * they are read and inflated, a buffer at a time, so a gzip bomb is refused after at most {@code
 * maxBytes} of output and nothing is ever inflated into memory whole. The JSON is then checked
 * against the published schema and mapped to the wire records. Refusal messages name the first
 * failing place as a JSON Pointer, such as {@code /devices/1/identity}.
 */
public final class ReportDecoder {

  /** What the HTTP request said about its body. */
  public record Body(InputStream in, long contentLength, String contentType, String encoding) {
    public Body {
      Objects.requireNonNull(in, "in");
    }
  }

  /** 10 MiB, before and after inflation. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  /** JSON nesting the report needs is 5 levels; 32 leaves room and stops deep-nesting attacks. */
  public static final int DEFAULT_MAX_DEPTH = 32;

  /** The longest string a report needs is a description or an OID; 8 KiB is plenty. */
  public static final int DEFAULT_MAX_STRING = 8 * 1024;

  /** Devices in one report. */
  public static final int DEFAULT_MAX_DEVICES = 10_000;

  private final ObjectMapper mapper;
  private final Schema schema;
  private final long maxBytes;
  private final int maxDevices;

  public ReportDecoder(ObjectMapper wireMapper, long maxBytes) {
    this(wireMapper, maxBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING, DEFAULT_MAX_DEVICES);
  }

  /**
   * A decoder with limits: body bytes (sent and inflated), JSON nesting depth and string length
   * (enforced by the parser as it reads, through Jackson's {@link StreamReadConstraints}), and
   * devices per report (counted before the schema is checked).
   */
  public ReportDecoder(
      ObjectMapper wireMapper, long maxBytes, int maxDepth, int maxStringLength, int maxDevices) {
    this.mapper = wireMapper.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxStringLength)
                .maxNumberLength(32)
                .maxNameLength(256)
                .build());
    this.maxBytes = maxBytes;
    this.maxDevices = maxDevices;
    try (InputStream in = WireJson.reportSchema()) {
      this.schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the report schema", e);
    }
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Refuses a body by its declared length alone, before a byte of it is read. */
  public void checkDeclaredLength(long contentLength) {
    if (contentLength > maxBytes) {
      throw ApiException.tooLarge(
          "the body is " + contentLength + " bytes; the limit is " + maxBytes);
    }
  }

  public Report decode(Body body) {
    checkDeclaredLength(body.contentLength());
    JsonNode tree = parse(body);
    JsonNode devices = tree.path("devices");
    JsonNode deltas = tree.path("deltas");
    int count = (devices.isArray() ? devices.size() : 0) + (deltas.isArray() ? deltas.size() : 0);
    if (count > maxDevices) {
      throw new ApiException(
          413,
          "report.too_many_devices",
          "the report has " + count + " devices; the limit is " + maxDevices);
    }
    withoutNuls(tree);
    String version = schemaName(tree);
    List<Error> errors = schema.validate(tree);
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      throw ApiException.invalid(
          "the report does not match schema "
              + version
              + ": "
              + first.getInstanceLocation()
              + ": "
              + first.getMessage()
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
    Report report;
    try {
      report = mapper.treeToValue(tree, Report.class);
    } catch (JsonMappingException e) {
      throw ApiException.invalid(
          "the report does not match schema "
              + version
              + " at "
              + path(e)
              + ": "
              + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiException.invalid("the report cannot be read: " + e.getOriginalMessage());
    }
    report = withDeviceKeys(report);
    checkDevicesAreDistinct(report);
    return report;
  }

  private JsonNode parse(Body body) {
    boolean gzip = isGzip(body);
    try (InputStream sent = BoundedInput.limited(body.in(), maxBytes, "the body")) {
      InputStream json =
          gzip
              ? BoundedInput.limited(BoundedInput.gunzip(sent), maxBytes, "the inflated body")
              : sent;
      JsonNode tree = mapper.readTree(json);
      if (tree == null || tree.isMissingNode()) {
        throw ApiException.malformed("the body is empty");
      }
      return tree;
    } catch (BoundedInput.LimitExceeded e) {
      throw ApiException.tooLarge(e.getMessage());
    } catch (BoundedInput.BadEncoding e) {
      throw ApiException.badEncoding(e.getMessage());
    } catch (StreamConstraintsException e) {
      throw ApiException.limitExceeded("the JSON passes a limit: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiException.malformed("the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.malformed("the body could not be read: " + e.getMessage());
    }
  }

  private static boolean isGzip(Body body) {
    String encoding =
        body.encoding() == null ? "" : body.encoding().trim().toLowerCase(Locale.ROOT);
    String type =
        body.contentType() == null ? "" : body.contentType().trim().toLowerCase(Locale.ROOT);
    boolean gzipType = type.startsWith("application/gzip");
    if (encoding.isEmpty() || encoding.equals("identity")) {
      return gzipType;
    }
    if (encoding.equals("gzip") || encoding.equals("x-gzip")) {
      return true;
    }
    throw ApiException.unsupportedMediaType(
        "Content-Encoding " + encoding + " is not supported; send gzip");
  }

  /**
   * Drops NUL characters from every string of the report: printers pad text with them (RFC 3805
   * strings are octets), JSON can carry them as {@code \\u0000}, and PostgreSQL cannot store them
   * in text. Nothing else of a value changes.
   */
  static void withoutNuls(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      var fields = object.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        JsonNode value = field.getValue();
        if (value.isTextual() && value.textValue().indexOf('\0') >= 0) {
          field.setValue(
              com.fasterxml.jackson.databind.node.TextNode.valueOf(
                  value.textValue().replace("\0", "")));
        } else {
          withoutNuls(value);
        }
      }
    } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        if (value.isTextual() && value.textValue().indexOf('\0') >= 0) {
          array.set(
              i,
              com.fasterxml.jackson.databind.node.TextNode.valueOf(
                  value.textValue().replace("\0", "")));
        } else {
          withoutNuls(value);
        }
      }
    }
  }

  /** The schema the report names, when it is one this server reads; otherwise the list of them. */
  private static String schemaName(JsonNode tree) {
    String named = tree.path("schema").asText("");
    return Report.SCHEMAS.contains(named)
        ? named
        : String.join(" or ", new java.util.TreeSet<>(Report.SCHEMAS));
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append('/').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('/').append(ref.getIndex());
      }
    }
    return path.length() == 0 ? "/" : path.toString();
  }

  /**
   * A serial disagreement with the reported serial as the key has it (the first source's serial is
   * the identity's): other sources' serials are kept as the device gave them.
   */
  private static List<SerialSource> underKey(
      List<SerialSource> sources, String reported, String keyed) {
    List<SerialSource> out = new ArrayList<>(sources.size());
    for (SerialSource s : sources) {
      out.add(s.serial().equals(reported) ? new SerialSource(s.source(), keyed) : s);
    }
    return out;
  }

  /**
   * The report with every device under the one device key every side derives ({@link DeviceKey}:
   * make trimmed, serial normalised), so an agent, a Device Direct module and the server file the
   * same printer under the same key; a device with no usable serial is refused, naming it.
   */
  static Report withDeviceKeys(Report report) {
    List<DeviceSnapshot> devices = new ArrayList<>(report.devices().size());
    boolean changed = false;
    for (int i = 0; i < report.devices().size(); i++) {
      DeviceSnapshot d = report.devices().get(i);
      DeviceIdentity id = d.identity();
      DeviceKey key =
          DeviceKey.of(id)
              .orElseThrow(
                  () ->
                      ApiException.invalid(
                          "/devices/"
                              + devices.size()
                              + "/identity/serial: no usable serial number in \""
                              + id.serial()
                              + "\""));
      if (key.make().equals(id.make()) && key.serial().equals(id.serial())) {
        devices.add(d);
        continue;
      }
      changed = true;
      devices.add(
          new DeviceSnapshot(
              new DeviceIdentity(
                  key.make(),
                  id.model(),
                  key.serial(),
                  id.sysObjectId(),
                  id.mac(),
                  id.firmware(),
                  id.sysName(),
                  id.readAt(),
                  id.location(),
                  id.manufacturer(),
                  id.brand(),
                  underKey(id.serialDisagreement(), id.serial(), key.serial())),
              d.address(),
              d.seenAt(),
              d.counters(),
              d.supplies(),
              d.status(),
              d.alerts(),
              d.inputs(),
              d.options(),
              d.snmp()));
    }
    List<DeviceDelta> deltas = new ArrayList<>(report.deltas().size());
    for (int i = 0; i < report.deltas().size(); i++) {
      DeviceDelta d = report.deltas().get(i);
      int at = i;
      DeviceKey key =
          DeviceKey.tryOf(d.make(), d.serial())
              .orElseThrow(
                  () ->
                      ApiException.invalid(
                          "/deltas/"
                              + at
                              + "/serial: no usable serial number in \""
                              + d.serial()
                              + "\""));
      if (key.make().equals(d.make()) && key.serial().equals(d.serial())) {
        deltas.add(d);
        continue;
      }
      changed = true;
      deltas.add(
          new DeviceDelta(
              key.make(),
              key.serial(),
              d.base(),
              d.seenAt(),
              d.address(),
              d.identity(),
              d.counters(),
              d.supplies(),
              d.status(),
              d.alerts(),
              d.inputs(),
              d.options(),
              d.snmp(),
              d.readAt()));
    }
    return changed ? report.withDevices(devices, deltas) : report;
  }

  private static void checkDevicesAreDistinct(Report report) {
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i < report.devices().size(); i++) {
      DeviceSnapshot d = report.devices().get(i);
      if (!seen.add(List.of(d.identity().make(), d.identity().serial()))) {
        throw ApiException.invalid(
            "/devices/"
                + i
                + ": device "
                + d.identity().make()
                + " "
                + d.identity().serial()
                + " appears more than once in the report");
      }
    }
    for (int i = 0; i < report.deltas().size(); i++) {
      DeviceDelta d = report.deltas().get(i);
      if (!seen.add(List.of(d.make(), d.serial()))) {
        throw ApiException.invalid(
            "/deltas/"
                + i
                + ": device "
                + d.make()
                + " "
                + d.serial()
                + " appears more than once in the report");
      }
    }
  }
}
