package org.openrps.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** The agent's TLS client settings: whom it trusts, and which protocols it speaks. */
public final class Tls {

  /** TLS 1.3 and 1.2 only. */
  public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private Tls() {}

  /**
   * A context that trusts the certificates in a PEM file (a pinned server certificate or a private
   * CA; several may be concatenated), or the system trust store when {@code pem} is empty.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds no certificate
   */
  public static SSLContext clientContext(Optional<Path> pem) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (pem.isPresent()) {
        tmf.init(trustStore(pem.get()));
      } else {
        tmf.init((KeyStore) null);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Protocols TLS 1.2/1.3 and host name verification on. */
  public static SSLParameters clientParameters() {
    SSLParameters p = new SSLParameters();
    p.setProtocols(PROTOCOLS.clone());
    p.setEndpointIdentificationAlgorithm("HTTPS");
    return p;
  }

  private static KeyStore trustStore(Path file) throws GeneralSecurityException {
    Collection<? extends Certificate> certs;
    try (InputStream in = Files.newInputStream(file)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "trusted certificate file " + file + " cannot be read: " + e, e);
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException(
          "trusted certificate file " + file + " is not PEM certificates: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException(
          "trusted certificate file " + file + " holds no certificate");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create an empty key store", e);
    }
    int i = 0;
    for (Certificate c : certs) {
      if (!(c instanceof X509Certificate)) {
        throw new IllegalArgumentException(file + " holds a certificate that is not X.509");
      }
      store.setCertificateEntry("trusted-" + i++, c);
    }
    return store;
  }
}
