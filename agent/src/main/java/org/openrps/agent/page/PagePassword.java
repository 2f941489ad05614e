package org.openrps.agent.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The local page's password, for the user {@link #USER}: the {@code page-password} of the agent's
 * config file, or else one generated at first start into {@code DATA/page-password}, readable by
 * its owner only. Only its SHA-256 is kept in memory; a guess is compared in constant time.
 */
public final class PagePassword {

  /** The page's only user. */
  public static final String USER = "admin";

  /** The file in the data directory that holds a generated password. */
  public static final String FILE = "page-password";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final byte[] hash;
  private final Optional<Path> file;
  private final boolean generated;

  private PagePassword(byte[] hash, Optional<Path> file, boolean generated) {
    this.hash = hash;
    this.file = file;
    this.generated = generated;
  }

  /** A password given in the config file. */
  public static PagePassword of(char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length < 8) {
      throw new IllegalArgumentException("page-password must have at least 8 characters");
    }
    return new PagePassword(sha256(password), Optional.empty(), false);
  }

  /**
   * The password in {@code dataDir}'s {@link #FILE}, made (24 random characters, mode 0600) when
   * there is none; a file others may read is made owner-only.
   *
   * @throws UncheckedIOException when the file cannot be read or written
   */
  public static PagePassword inDataDir(Path dataDir, SecureRandom random) {
    Path path = dataDir.resolve(FILE);
    try {
      boolean made = false;
      if (!Files.exists(path)) {
        Files.createDirectories(dataDir);
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(path, password + "\n", StandardCharsets.UTF_8);
        made = true;
      } else if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(path, OWNER_ONLY);
      }
      char[] password = Files.readString(path, StandardCharsets.UTF_8).strip().toCharArray();
      if (password.length == 0) {
        throw new UncheckedIOException(
            new IOException(path + " is empty: delete it and a new password is made"));
      }
      try {
        return new PagePassword(sha256(password), Optional.of(path), made);
      } finally {
        Arrays.fill(password, '\0');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use the page password file " + path, e);
    }
  }

  /** The file that holds the password, when it is not the config file's. */
  public Optional<Path> file() {
    return file;
  }

  /** True when this start made the password. */
  public boolean generated() {
    return generated;
  }

  /** True when {@code user} and {@code password} are right; takes as long whatever they are. */
  boolean matches(String user, char[] password) {
    boolean userOk =
        MessageDigest.isEqual(
            sha256(user.toCharArray()), sha256(USER.toCharArray())); // both always hashed
    boolean passwordOk = MessageDigest.isEqual(sha256(password), hash);
    return userOk & passwordOk;
  }

  private static byte[] sha256(char[] text) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    try {
      return MessageDigest.getInstance("SHA-256").digest(raw);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    } finally {
      Arrays.fill(raw, (byte) 0);
      if (bytes.hasArray()) {
        Arrays.fill(bytes.array(), (byte) 0);
      }
    }
  }
}
