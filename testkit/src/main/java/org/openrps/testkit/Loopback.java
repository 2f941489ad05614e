package org.openrps.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** What tests need to talk to a server of their own on loopback: a free port, pinned trust. */
public final class Loopback {

  private Loopback() {}

  /** A UDP port free on {@code address} at the moment of asking. */
  public static int freeUdpPort(InetAddress address) {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free UDP port on " + address, e);
    }
  }

  /** A TLS context that trusts exactly the certificate in the PEM file (a server's own). */
  public static SSLContext trusting(Path certificatePem) {
    try (InputStream in = Files.newInputStream(certificatePem)) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry(
          "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + certificatePem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + certificatePem, e);
    }
  }
}
