package org.openrps.server.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.openrps.server.SmtpTestCertificate;

/**
 * A STARTTLS front for GreenMail, whose SMTP has no STARTTLS: on 127.0.0.1 it greets, answers EHLO
 * with STARTTLS, upgrades the connection with the test certificate, and from then on relays the
 * bytes to GreenMail's plain SMTP port (after swallowing GreenMail's greeting), so GreenMail sees
 * the client's second EHLO, its AUTH and the message, and stores the mail.
 */
final class StartTlsFront implements AutoCloseable {

  private final ServerSocket listener;
  private final int target;
  private final SSLContext tls;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "starttls-front");
            t.setDaemon(true);
            return t;
          });

  StartTlsFront(SmtpTestCertificate.Material certificate, int greenMailSmtpPort) {
    this.target = greenMailSmtpPort;
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(certificate.keyStore())) {
        store.load(in, certificate.password());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, certificate.password());
      tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      listener = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    threads.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket plain) {
    try (plain) {
      InputStream in = plain.getInputStream();
      OutputStream out = plain.getOutputStream();
      write(out, "220 127.0.0.1 starttls front ESMTP");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          return;
        }
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        if (verb.equals("EHLO")) {
          write(out, "250-127.0.0.1\r\n250 STARTTLS");
        } else if (verb.equals("STARTTLS")) {
          write(out, "220 ready to start TLS");
          break;
        } else if (verb.equals("QUIT")) {
          write(out, "221 bye");
          return;
        } else {
          write(out, "530 must issue a STARTTLS command first");
        }
      }
      SSLSocket secure =
          (SSLSocket)
              tls.getSocketFactory()
                  .createSocket(
                      plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
      secure.setUseClientMode(false);
      secure.startHandshake();
      try (secure;
          Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), target)) {
        InputStream up = upstream.getInputStream();
        String greeting = readLine(up);
        if (greeting == null || !greeting.startsWith("220")) {
          return;
        }
        threads.execute(() -> pipe(up, secure));
        pipe(secure.getInputStream(), upstream);
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static void pipe(InputStream from, Socket to) {
    try {
      from.transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // one side closed
    }
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One CRLF line, byte by byte so nothing past it is read; null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
