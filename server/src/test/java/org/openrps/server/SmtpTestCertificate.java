package org.openrps.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

/**
 * A certificate for 127.0.0.1 and localhost, made the way the server makes its own, for GreenMail's
 * SMTPS and STARTTLS: GreenMail's built-in certificate names no host, so a client that checks host
 * names (as ours does) rightly refuses it. GreenMail reads {@code greenmail.tls.keystore.file} once
 * per JVM, so the first call sets it and later calls return the same files.
 */
public final class SmtpTestCertificate {

  /** The PKCS12 key store GreenMail serves and the PEM certificate a client trusts. */
  public record Material(Path keyStore, char[] password, Path certificatePem) {}

  private static Material made;

  private SmtpTestCertificate() {}

  public static synchronized Material installForGreenMail() {
    if (made != null) {
      return made;
    }
    Path dir = org.openrps.testkit.Scratch.directory("openrps-smtp-tls");
    TlsMaterial tls =
        TlsMaterial.loadOrCreate(dir, Set.of(), Clock.systemUTC(), new SecureRandom());
    Path p12 = dir.resolve("greenmail.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      tls.keyStore().store(out, tls.password());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    System.setProperty("greenmail.tls.keystore.file", p12.toString());
    System.setProperty("greenmail.tls.keystore.password", new String(tls.password()));
    System.setProperty("greenmail.tls.key.password", new String(tls.password()));
    made = new Material(p12, tls.password().clone(), tls.certificatePem());
    return made;
  }
}
