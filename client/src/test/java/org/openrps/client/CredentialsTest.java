package org.openrps.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

  @TempDir Path dir;

  @Test
  void savedCredentialsAreReadableOnlyByTheOwnerAndLoadBackWithoutShowingTheSecret()
      throws Exception {
    Path file = dir.resolve("agent").resolve("credentials.properties");
    Credentials credentials = new Credentials("agt-0123", "s3cret-value".toCharArray());

    credentials.save(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Credentials.load(file)).isEqualTo(credentials);
    assertThat(credentials.toString()).doesNotContain("s3cret-value");
  }

  @Test
  void aFileWrittenBeforeRotationLoadsWithoutAPreviousSecret() throws Exception {
    Path file = dir.resolve("credentials.properties");
    Files.writeString(
        file, "# OpenRPS agent credentials\nagent.id=agt-0123\nagent.secret=old-style-secret\n");

    Credentials loaded = Credentials.load(file);

    assertThat(loaded).isEqualTo(new Credentials("agt-0123", "old-style-secret".toCharArray()));
    assertThat(loaded.hasPrevious()).isFalse();
    assertThat(loaded.previous()).isEmpty();
  }

  @Test
  void aRotatedSecretIsSavedWithThePreviousOneUntilConfirmed() throws Exception {
    Path file = dir.resolve("credentials.properties");
    Credentials rotated =
        new Credentials("agt-0123", "old-secret".toCharArray())
            .rotatedTo("new-secret".toCharArray());

    rotated.save(file);
    Credentials loaded = Credentials.load(file);

    assertThat(new String(loaded.secret())).isEqualTo("new-secret");
    assertThat(loaded.previous()).contains(new Credentials("agt-0123", "old-secret".toCharArray()));
    assertThat(loaded.toString()).doesNotContain("old-secret", "new-secret");
    assertThat(Files.readString(file)).contains("agent.previous-secret=old-secret");

    loaded.withoutPrevious().save(file);
    assertThat(Files.readString(file)).doesNotContain("previous", "old-secret");
    assertThat(Credentials.load(file).hasPrevious()).isFalse();
    assertThat(Files.exists(dir.resolve("credentials.properties.tmp"))).isFalse();
  }
}
