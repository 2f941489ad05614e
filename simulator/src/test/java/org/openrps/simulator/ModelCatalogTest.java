package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

  @Test
  void builtInModelsCoverTenMakesUnderTheirEnterpriseNumbers() {
    Map<String, Integer> enterprises =
        ModelCatalog.builtIn().models().stream()
            .collect(
                Collectors.toMap(PrinterModel::make, m -> m.sysObjectId().arcs()[6], (a, b) -> a));
    assertThat(enterprises)
        .containsEntry("HP", 11)
        .containsEntry("Xerox", 253)
        .containsEntry("Ricoh", 367)
        .containsEntry("Canon", 1602)
        .containsEntry("Kyocera", 1347)
        .containsEntry("Konica Minolta", 18334)
        .containsEntry("Lexmark", 641)
        .containsEntry("Brother", 2435)
        .containsEntry("Sharp", 2385)
        .containsEntry("Epson", 1248);
  }

  @Test
  void everyModelHasMonoOrCmykTonerRows() {
    for (PrinterModel model : ModelCatalog.builtIn().models()) {
      if (model.kind() != PrinterModel.Kind.PRINTER) {
        continue;
      }
      long toners = model.supplies().stream().filter(PrinterModel.Supply::isToner).count();
      assertThat(toners).as(model.toString()).isIn(1L, 4L);
      assertThat(model.supplies()).as(model.toString()).hasSizeGreaterThanOrEqualTo((int) toners);
    }
  }

  @Test
  void aBrokenModelFileNamesTheModelAndTheKey() {
    String json =
        """
        { "locations": ["x"], "models": [ {
          "make": "Acme", "model": "P1", "weight": 1, "sysObjectId": "1.3.6.1.4.1.99.1",
          "sysDescr": "Acme P1", "hrDeviceDescr": "Acme P1", "sysName": "acme",
          "serial": "AC###", "macPrefix": "00:11:22", "initialPages": [1, 2],
          "pagesPerHour": [1, 2], "supplies": [] } ] }
        """;
    assertThatThrownBy(
            () ->
                ModelCatalog.parse(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("test.json")
        .hasMessageContaining("Acme P1")
        .hasMessageContaining("'serial'");
  }

  @Test
  void anUnknownSupplyUnitIsRejected() {
    String json =
        """
        { "locations": ["x"], "models": [ {
          "make": "Acme", "model": "P1", "weight": 1, "sysObjectId": "1.3.6.1.4.1.99.1",
          "sysDescr": "Acme P1", "hrDeviceDescr": "Acme P1", "sysName": "acme",
          "serial": "AC#####", "macPrefix": "00:11:22", "initialPages": [1, 2],
          "pagesPerHour": [1, 2], "supplies": [ {"description": "Toner", "type": "toner",
          "class": "supplyThatIsConsumed", "unit": "buckets", "maxCapacity": 100,
          "pagesPerFill": 100} ] } ] }
        """;
    assertThatThrownBy(
            () ->
                ModelCatalog.parse(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json"))
        .hasMessageContaining("'unit'")
        .hasMessageContaining("buckets");
  }
}
