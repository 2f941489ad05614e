package org.openrps.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS key and self-signed certificate, made on first start and reused after.
 *
 * <p>Files in {@code dataDir/tls}: {@code server.p12} (PKCS#12 with the EC P-256 key and the
 * certificate), {@code server.p12.password} (its random password, mode 0600) and {@code
 * server.crt.pem} (the certificate, for clients to pin).
 */
final class TlsMaterial {

  private static final Logger LOG = LoggerFactory.getLogger(TlsMaterial.class);
  private static final String ALIAS = "openrps-server";
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final KeyStore keyStore;
  private final char[] password;
  private final Path certificatePem;

  private TlsMaterial(KeyStore keyStore, char[] password, Path certificatePem) {
    this.keyStore = keyStore;
    this.password = password;
    this.certificatePem = certificatePem;
  }

  KeyStore keyStore() {
    return keyStore;
  }

  char[] password() {
    return password;
  }

  Path certificatePem() {
    return certificatePem;
  }

  static TlsMaterial loadOrCreate(
      Path dataDir, Set<String> extraHostNames, Clock clock, SecureRandom random) {
    Path dir = dataDir.resolve("tls");
    Path p12 = dir.resolve("server.p12");
    Path passwordFile = dir.resolve("server.p12.password");
    Path pem = dir.resolve("server.crt.pem");
    Set<String> names = hostNames(extraHostNames);
    try {
      if (Files.exists(p12) && Files.exists(passwordFile)) {
        char[] password =
            Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
          store.load(in, password);
        }
        X509Certificate cert = (X509Certificate) store.getCertificate(ALIAS);
        if (cert == null) {
          throw new IllegalStateException(p12 + " has no entry " + ALIAS);
        }
        if (!Files.exists(pem)) {
          writePrivately(pem, pem(cert).getBytes(StandardCharsets.US_ASCII), false);
        }
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(subjectAltNames(cert));
        if (!missing.isEmpty()) {
          LOG.warn(
              "{} - the certificate does not name {}; delete {} to make a new one (clients that"
                  + " pinned the old one must then pin the new one)",
              pem,
              missing,
              dir);
        }
        if (cert.getNotAfter().toInstant().isBefore(clock.instant())) {
          LOG.warn("{} - the certificate expired at {}", pem, cert.getNotAfter().toInstant());
        }
        return new TlsMaterial(store, password, pem);
      }
      Files.createDirectories(dir);
      restrict(dir, true);
      char[] password = newPassword(random);
      X509Certificate[] chain = new X509Certificate[1];
      KeyPair keys = newKeyPair(random);
      chain[0] = selfSign(keys, names, clock.instant(), random);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, keys.getPrivate(), password, chain);
      writePrivately(passwordFile, new String(password).getBytes(StandardCharsets.US_ASCII), true);
      try (OutputStream out = Files.newOutputStream(dir.resolve("server.p12.tmp"))) {
        store.store(out, password);
      }
      restrict(dir.resolve("server.p12.tmp"), false);
      move(dir.resolve("server.p12.tmp"), p12);
      writePrivately(pem, pem(chain[0]).getBytes(StandardCharsets.US_ASCII), false);
      LOG.info("{} - made a self-signed certificate for {}", pem, names);
      return new TlsMaterial(store, password, pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the TLS files in " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot load or make the TLS key in " + dir, e);
    }
  }

  private static Set<String> hostNames(Set<String> extra) {
    Set<String> names = new TreeSet<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (host != null && !host.isBlank()) {
        names.add(host.toLowerCase(Locale.ROOT));
      }
    } catch (IOException e) {
      LOG.warn(
          "this machine's host name is unknown ({}); the certificate leaves it out", e.toString());
    }
    for (String name : extra) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    names.remove("");
    return names;
  }

  private static boolean isAddress(String name) {
    return IPV4.matcher(name).matches() || name.contains(":");
  }

  private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private static X509Certificate selfSign(
      KeyPair keys, Set<String> names, Instant now, SecureRandom random)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name subject = new X500Name("CN=OpenRPS server,O=OpenRPS");
    List<GeneralName> altNames = new ArrayList<>();
    for (String name : names) {
      altNames.add(
          new GeneralName(isAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName, name));
    }
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(127, random).add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(VALIDITY)),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(altNames.toArray(GeneralName[]::new)));
    X509CertificateHolder holder =
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static Set<String> subjectAltNames(X509Certificate cert)
      throws CertificateParsingException {
    Set<String> names = new HashSet<>();
    Collection<List<?>> entries = cert.getSubjectAlternativeNames();
    if (entries != null) {
      for (List<?> entry : entries) {
        String value = String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT);
        names.add(value);
        if (value.equals("0:0:0:0:0:0:0:1")) {
          names.add("::1");
        }
      }
    }
    return names;
  }

  private static char[] newPassword(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
  }

  static String pem(X509Certificate cert) throws GeneralSecurityException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  private static void writePrivately(Path target, byte[] content, boolean secret)
      throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, content);
    restrict(tmp, false);
    if (!secret) {
      setPermissions(tmp, "rw-r--r--");
    }
    move(tmp, target);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void restrict(Path path, boolean directory) throws IOException {
    setPermissions(path, directory ? "rwx------" : "rw-------");
  }

  private static void setPermissions(Path path, String permissions) throws IOException {
    try {
      Set<PosixFilePermission> set = PosixFilePermissions.fromString(permissions);
      Files.setPosixFilePermissions(path, set);
    } catch (UnsupportedOperationException e) {
      LOG.warn("{} - this file system has no POSIX permissions; protect the file by hand", path);
    }
  }
}
