package org.openrps.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The device models a fleet is made of, read from a data file ({@code models.json} next to this
 * class; its header comment describes the format).
 */
final class ModelCatalog {

  static final String RESOURCE = "models.json";

  private final List<String> locations;
  private final List<PrinterModel> models;
  private final int[] weights;
  private final int totalWeight;

  private ModelCatalog(List<String> locations, List<PrinterModel> models, int[] weights) {
    this.locations = List.copyOf(locations);
    this.models = List.copyOf(models);
    this.weights = weights.clone();
    int sum = 0;
    for (int w : weights) {
      sum += w;
    }
    this.totalWeight = sum;
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

  /** A model file of the operator's. */
  static ModelCatalog read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + file, e);
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
    return new ModelCatalog(
        spec.locations(), models, models.stream().mapToInt(PrinterModel::weight).toArray());
  }

  /**
   * The same models with the shares of a mix: each key names a make ("HP"), a model ("HP LaserJet
   * Enterprise M507") or a kind ("switch", "ups"), case-insensitive, and gives its weight; models
   * the mix does not name get weight 0. An empty mix keeps the file's weights.
   *
   * @throws IllegalArgumentException when a key matches no model, or every weight is 0
   */
  ModelCatalog withMix(Map<String, Integer> mix) {
    if (mix.isEmpty()) {
      return this;
    }
    int[] w = new int[models.size()];
    // The most specific key wins for a model, whatever the map's order: kinds first, then makes,
    // then models by name ("printer=90, Toshiba e-STUDIO3515AC=10" brings the Toshiba in).
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(mix.entrySet());
    entries.sort(java.util.Comparator.comparingInt(e -> specificity(e.getKey())));
    for (Map.Entry<String, Integer> e : entries) {
      String key = e.getKey().strip().toLowerCase(Locale.ROOT);
      List<Integer> matches = new ArrayList<>();
      for (int i = 0; i < models.size(); i++) {
        PrinterModel m = models.get(i);
        if (m.fullName().toLowerCase(Locale.ROOT).equals(key)) {
          matches = new ArrayList<>(List.of(i));
          break;
        }
        if (m.make().toLowerCase(Locale.ROOT).equals(key)
            || m.kind().name().toLowerCase(Locale.ROOT).equals(key)) {
          matches.add(i);
        }
      }
      if (matches.isEmpty()) {
        throw new IllegalArgumentException(
            "mix: '" + e.getKey() + "' names no model, make or kind; known: " + names());
      }
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("mix: '" + e.getKey() + "' has a negative share");
      }
      // A make's share is split over its models by their own weights (x 100 keeps integers):
      // a model of weight 0 stays out of a make or kind that has others ("printer" does not
      // bring in the models the file keeps out); named alone, or with only others of weight 0,
      // it counts as 1, so a mix can still bring it in.
      boolean allZero = matches.stream().allMatch(i -> models.get(i).weight() == 0);
      int[] own = new int[models.size()];
      for (int i : matches) {
        own[i] = allZero ? 1 : models.get(i).weight();
      }
      int inside = matches.stream().mapToInt(i -> own[i]).sum();
      for (int i : matches) {
        w[i] = (int) Math.round(e.getValue() * 100.0 * own[i] / inside);
      }
    }
    ModelCatalog mixed = new ModelCatalog(locations, models, w);
    if (mixed.totalWeight <= 0) {
      throw new IllegalArgumentException("mix: every share is 0");
    }
    return mixed;
  }

  /** 2 for a key that names a model, 1 for a make, 0 for a kind (or nothing). */
  private int specificity(String key) {
    String k = key.strip().toLowerCase(Locale.ROOT);
    int best = 0;
    for (PrinterModel m : models) {
      if (m.fullName().toLowerCase(Locale.ROOT).equals(k)) {
        return 2;
      }
      if (m.make().toLowerCase(Locale.ROOT).equals(k)) {
        best = 1;
      }
    }
    return best;
  }

  /** "make model" of every model, for messages. */
  List<String> names() {
    return models.stream().map(PrinterModel::fullName).toList();
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
    for (int i = 0; i < models.size(); i++) {
      if (left < weights[i]) {
        return models.get(i);
      }
      left -= weights[i];
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
      String brand,
      String model,
      String kind,
      int weight,
      String sysObjectId,
      String sysDescr,
      String hrDeviceDescr,
      String sysName,
      String serial,
      String macPrefix,
      String firmware,
      String markerTech,
      List<Long> initialPages,
      List<Long> pagesPerHour,
      Map<String, Double> shares,
      List<SupplySpec> supplies,
      List<TraySpec> trays,
      LinkedHashMap<String, String> objects,
      String context) {}

  /** One prtMarkerSuppliesTable row as written. */
  record SupplySpec(
      String description,
      String type,
      @JsonProperty("class") String supplyClass,
      String unit,
      int maxCapacity,
      Integer capacity,
      long pagesPerFill,
      String colorant,
      String level) {}

  /** One prtInputTable row as written. */
  record TraySpec(String name, String media, int maxCapacity, String level) {}
}
