package org.openrps.client;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;

/**
 * The agent's own id and secret as the server issued them at enrolment, kept in a file only its
 * owner can read (0600). The secret is a char array, masked in {@link #toString()}.
 */
public record Credentials(String agentId, char[] secret) {

  public Credentials {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(secret, "secret");
    if (agentId.isEmpty() || secret.length == 0) {
      throw new IllegalArgumentException("credentials need an id and a secret");
    }
    secret = secret.clone();
  }

  @Override
  public char[] secret() {
    return secret.clone();
  }

  /** Writes the credentials to {@code file} with mode 0600, replacing it atomically. */
  public void save(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        throw new IOException("cannot create " + tmp, e);
      }
      Properties p = new Properties();
      p.setProperty("agent.id", agentId);
      p.setProperty("agent.secret", new String(secret));
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "OpenRPS agent credentials, issued at enrolment; keep private");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the agent credentials to " + file, e);
    }
  }

  /** Reads credentials written by {@link #save(Path)}. */
  public static Credentials load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the agent credentials in " + file, e);
    }
    String id = p.getProperty("agent.id");
    String secret = p.getProperty("agent.secret");
    if (id == null || secret == null) {
      throw new IllegalArgumentException(
          file + ": agent.id and agent.secret are both needed (enrol again)");
    }
    char[] chars = secret.toCharArray();
    try {
      return new Credentials(id, chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c
        && agentId.equals(c.agentId)
        && Arrays.equals(secret, c.secret);
  }

  @Override
  public int hashCode() {
    return agentId.hashCode();
  }

  @Override
  public String toString() {
    return "Credentials[" + agentId + ", secret=****]";
  }
}
