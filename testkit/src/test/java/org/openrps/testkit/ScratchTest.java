package org.openrps.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchTest {

  @Test
  void aScratchDirectoryIsNewEmptyAndItsRemovalTakesWhatItHolds() throws Exception {
    Path dir = Scratch.directory("openrps-scratch");
    assertThat(dir.getFileName().toString()).startsWith("openrps-scratch");
    assertThat(Files.list(dir)).isEmpty();
    Files.createDirectories(dir.resolve("a/b"));
    Files.writeString(dir.resolve("a/b/c.txt"), "x");
    Scratch.delete(dir);
    assertThat(dir).doesNotExist();
  }
}
