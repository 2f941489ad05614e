package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class IdentityDecoderModelTest {

  private static final Optional<String> NONE = Optional.empty();

  private static List<Supplier<Optional<String>>> sources(String... texts) {
    return java.util.Arrays.stream(texts)
        .<Supplier<Optional<String>>>map(t -> () -> Optional.ofNullable(t))
        .toList();
  }

  @Test
  void theFirstExactSourceWinsWithoutWhatDevicesAppend() {
    assertThat(
            IdentityDecoder.model(sources("Lexmark CX522ade 9.1.118", null, null, "x"), NONE, NONE))
        .hasValue("Lexmark CX522ade");
  }

  @Test
  void aFamilyNameGivesWayToAnExactModelFurtherOn() {
    assertThat(
            IdentityDecoder.model(
                sources("Brother HL-L8360CDW series", "HL-L8360CDW", null, "Brother NC-8800h"),
                NONE,
                NONE))
        .hasValue("HL-L8360CDW");
  }

  @Test
  void aFamilyNameBeatsAWholeSysDescrButNotADeviceIdInIt() {
    assertThat(
            IdentityDecoder.model(
                sources(
                    "Brother HL-L8360CDW series",
                    null,
                    null,
                    "Brother NC-8800h, Firmware Ver.1.05"),
                NONE,
                NONE))
        .hasValue("Brother HL-L8360CDW series");
    String deviceId =
        "MFG:Brother;CMD:PJL,PCL;MDL:HL-L8360CDW;CLS:PRINTER;DES:Brother HL-L8360CDW;";
    assertThat(IdentityDecoder.model(sources(null, null, null, deviceId), NONE, NONE))
        .hasValue("HL-L8360CDW");
    assertThat(
            IdentityDecoder.model(
                sources("Brother HL-L8360CDW series", null, null, deviceId), NONE, NONE))
        .hasValue("HL-L8360CDW");
  }

  @Test
  void sourcesAfterAnExactModelAreNotAsked() {
    AtomicInteger asked = new AtomicInteger();
    List<Supplier<Optional<String>>> sources =
        List.of(
            () -> Optional.of("HP LaserJet M507"),
            () -> {
              asked.incrementAndGet();
              return Optional.of("other");
            });
    assertThat(IdentityDecoder.model(sources, NONE, NONE)).hasValue("HP LaserJet M507");
    assertThat(asked).hasValue(0);
  }
}
