package org.openrps.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The printer models a fleet is made of, read from a data file ({@code models.json} next to this
 * class; its header comment describes the format).
 */
final class ModelCatalog {

  static final String RESOURCE = "models.json";

  private final List<String> locations;
  private final List<PrinterModel> models;
  private final int totalWeight;

  private ModelCatalog(List<String> locations, List<PrinterModel> models) {
    this.locations = List.copyOf(locations);
    this.models = List.copyOf(models);
    this.totalWeight = models.stream().mapToInt(PrinterModel::weight).sum();
  }

  /** The built-in models. */
  static ModelCatalog builtIn() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the simulator jar");
      }
      return parse(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads and validates a model file.
   *
   * @throws IllegalArgumentException naming the file, the model and the key when it is invalid
   */
  static ModelCatalog parse(InputStream in, String source) throws IOException {
    ObjectMapper mapper =
        JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    CatalogSpec spec;
    try {
      spec = mapper.readValue(in, CatalogSpec.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
    }
    if (spec.locations() == null || spec.locations().isEmpty()) {
      throw new IllegalArgumentException(source + ": key 'locations' needs at least one entry");
    }
    if (spec.models() == null || spec.models().isEmpty()) {
      throw new IllegalArgumentException(source + ": key 'models' needs at least one model");
    }
    List<PrinterModel> models = new ArrayList<>();
    for (ModelSpec model : spec.models()) {
      models.add(PrinterModel.of(model, source));
    }
    return new ModelCatalog(spec.locations(), models);
  }

  List<PrinterModel> models() {
    return models;
  }

  List<String> locations() {
    return locations;
  }

  /** The model at {@code draw} (0 ≤ draw < total weight) of the weighted list. */
  PrinterModel pick(int draw) {
    int left = draw;
    for (PrinterModel model : models) {
      if (left < model.weight()) {
        return model;
      }
      left -= model.weight();
    }
    throw new IllegalArgumentException("draw " + draw + " is not below " + totalWeight);
  }

  int totalWeight() {
    return totalWeight;
  }

  /** The file as written. */
  record CatalogSpec(List<String> locations, List<ModelSpec> models) {}

  /** One model as written; {@link PrinterModel#of} validates it. */
  record ModelSpec(
      String make,
      String model,
      int weight,
      String sysObjectId,
      String sysDescr,
      String hrDeviceDescr,
      String sysName,
      String serial,
      String macPrefix,
      List<Long> initialPages,
      List<Long> pagesPerHour,
      List<SupplySpec> supplies) {}

  /** One prtMarkerSuppliesTable row as written. */
  record SupplySpec(
      String description,
      String type,
      @JsonProperty("class") String supplyClass,
      String unit,
      int maxCapacity,
      long pagesPerFill,
      String colorant) {}
}
