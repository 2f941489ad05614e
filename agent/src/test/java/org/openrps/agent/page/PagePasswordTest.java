package org.openrps.agent.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagePasswordTest {

  @TempDir Path dir;

  @Test
  void aPasswordIsGeneratedOnceIntoAFileOnlyItsOwnerMayRead() throws Exception {
    PagePassword first = PagePassword.inDataDir(dir, new SecureRandom());
    Path file = dir.resolve(PagePassword.FILE);
    assertThat(first.generated()).isTrue();
    assertThat(first.file()).contains(file);
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String password = Files.readString(file).strip();
    assertThat(password).hasSize(24);
    assertThat(first.matches("admin", password.toCharArray())).isTrue();
    assertThat(first.matches("admin", (password + "x").toCharArray())).isFalse();
    assertThat(first.matches("root", password.toCharArray())).isFalse();

    PagePassword again = PagePassword.inDataDir(dir, new SecureRandom());
    assertThat(again.generated()).as("the same file, read again").isFalse();
    assertThat(again.matches("admin", password.toCharArray())).isTrue();
  }

  @Test
  void aPasswordFileOthersMayReadIsMadeOwnerOnly() throws Exception {
    Path file = dir.resolve(PagePassword.FILE);
    Files.writeString(file, "a long enough password\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    PagePassword p = PagePassword.inDataDir(dir, new SecureRandom());
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(p.matches("admin", "a long enough password".toCharArray())).isTrue();
  }

  @Test
  void aConfiguredPasswordIsAtLeastEightCharacters() {
    assertThatThrownBy(() -> PagePassword.of("short".toCharArray()))
        .hasMessageContaining("at least 8");
    assertThat(PagePassword.of("long enough".toCharArray()).file()).isEmpty();
  }
}
