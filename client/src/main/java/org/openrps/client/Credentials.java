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
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's own id and secret as the server issued them, kept in a file only its owner can read
 * (0600). The secrets are char arrays, masked in {@link #toString()}.
 *
 * <p>While a rotation is not confirmed, the file also holds the secret before it ({@code
 * agent.previous-secret}): the server accepts both until the new one is first used, so an agent
 * whose new secret is refused falls back to the previous one. A file without that key (every file
 * written before rotation existed) loads as credentials without a previous secret.
 *
 * @param previousSecret the secret before {@code secret} while a rotation is not confirmed; empty
 *     (length 0) when there is none
 */
public record Credentials(String agentId, char[] secret, char[] previousSecret) {

  static final String ID = "agent.id";
  static final String SECRET = "agent.secret";
  static final String PREVIOUS_SECRET = "agent.previous-secret";

  public Credentials {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(previousSecret, "previousSecret");
    if (agentId.isEmpty() || secret.length == 0) {
      throw new IllegalArgumentException("credentials need an id and a secret");
    }
    secret = secret.clone();
    previousSecret = previousSecret.clone();
  }

  /** Credentials without a previous secret. */
  public Credentials(String agentId, char[] secret) {
    this(agentId, secret, new char[0]);
  }

  @Override
  public char[] secret() {
    return secret.clone();
  }

  @Override
  public char[] previousSecret() {
    return previousSecret.clone();
  }

  /** True while a rotation is not confirmed: the file keeps the secret before this one. */
  public boolean hasPrevious() {
    return previousSecret.length > 0;
  }

  /** The credentials of the previous secret (none before them), while there is one. */
  public Optional<Credentials> previous() {
    return hasPrevious() ? Optional.of(new Credentials(agentId, previousSecret)) : Optional.empty();
  }

  /** {@code next} as the secret, this one kept as the previous. */
  public Credentials rotatedTo(char[] next) {
    return new Credentials(agentId, next, secret);
  }

  /** These credentials without the previous secret: the rotation is confirmed. */
  public Credentials withoutPrevious() {
    return new Credentials(agentId, secret);
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
      p.setProperty(ID, agentId);
      p.setProperty(SECRET, new String(secret));
      if (hasPrevious()) {
        p.setProperty(PREVIOUS_SECRET, new String(previousSecret));
      }
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "OpenRPS agent credentials, issued by the server; keep private");
      }
      try (java.nio.channels.FileChannel channel =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the agent credentials to " + file, e);
    }
  }

  /** Reads credentials written by {@link #save(Path)}, by this version or an earlier one. */
  public static Credentials load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the agent credentials in " + file, e);
    }
    String id = p.getProperty(ID);
    String secret = p.getProperty(SECRET);
    if (id == null || secret == null) {
      throw new IllegalArgumentException(
          file + ": " + ID + " and " + SECRET + " are both needed (enrol again)");
    }
    char[] chars = secret.toCharArray();
    char[] previous = p.getProperty(PREVIOUS_SECRET, "").toCharArray();
    try {
      return new Credentials(id, chars, previous);
    } finally {
      Arrays.fill(chars, '\0');
      Arrays.fill(previous, '\0');
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c
        && agentId.equals(c.agentId)
        && Arrays.equals(secret, c.secret)
        && Arrays.equals(previousSecret, c.previousSecret);
  }

  @Override
  public int hashCode() {
    return agentId.hashCode();
  }

  @Override
  public String toString() {
    return "Credentials["
        + agentId
        + ", secret=****"
        + (hasPrevious() ? ", previous=****" : "")
        + "]";
  }
}
