package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  private final ModelCatalog catalog = ModelCatalog.builtIn();

  private static int share(ModelCatalog c, PrinterModel model) {
    int total = 0;
    for (int draw = 0; draw < c.totalWeight(); draw++) {
      if (c.pick(draw) == model) {
        total++;
      }
    }
    return total;
  }

  /** Printers the file keeps out of the default fleet (switches and UPSs have weight 0 too). */
  private List<PrinterModel> weightZero() {
    return catalog.models().stream()
        .filter(m -> m.weight() == 0 && m.kind().name().equalsIgnoreCase("printer"))
        .toList();
  }

  @Test
  void aKindOrMakeMixLeavesOutTheModelsTheFileGivesWeightZero() {
    assertThat(weightZero()).as("the built-in file keeps some models out").isNotEmpty();
    ModelCatalog printers = catalog.withMix(Map.of("printer", 98, "switch", 1, "ups", 1));
    for (PrinterModel m : weightZero()) {
      assertThat(share(printers, m)).as(m.fullName()).isZero();
    }
    assertThat(catalog.models())
        .filteredOn(m -> m.weight() > 0)
        .allSatisfy(m -> assertThat(share(printers, m)).as(m.fullName()).isPositive());
  }

  @Test
  void aWeightZeroModelNamedByItselfOrAsTheOnlyModelOfItsMakeIsBroughtIn() {
    PrinterModel hidden = weightZero().get(0);
    // in either order of the keys (a map's order is not the user's)
    java.util.LinkedHashMap<String, Integer> nameFirst = new java.util.LinkedHashMap<>();
    nameFirst.put(hidden.fullName(), 10);
    nameFirst.put("printer", 90);
    java.util.LinkedHashMap<String, Integer> kindFirst = new java.util.LinkedHashMap<>();
    kindFirst.put("printer", 90);
    kindFirst.put(hidden.fullName(), 10);
    assertThat(share(catalog.withMix(nameFirst), hidden)).isPositive();
    assertThat(share(catalog.withMix(kindFirst), hidden)).isPositive();
    boolean onlyOneOfItsMake =
        catalog.models().stream()
            .filter(m -> m.make().equals(hidden.make()))
            .allMatch(m -> m.weight() == 0);
    if (onlyOneOfItsMake) {
      ModelCatalog byMake = catalog.withMix(Map.of(hidden.make(), 10));
      assertThat(share(byMake, hidden)).isEqualTo(byMake.totalWeight());
    }
  }
}
