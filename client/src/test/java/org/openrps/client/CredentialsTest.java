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
}
