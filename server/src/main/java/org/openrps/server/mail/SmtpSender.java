package org.openrps.server.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends one message over SMTP with Angus Mail: a multipart/alternative of the text and the HTML.
 * With {@code starttls} the upgrade is required (a server that does not offer it is an error, never
 * a plain send); with {@code starttls} and {@code tls} the server's certificate is checked against
 * the trust (system or the configured CA file) and its host name.
 */
public final class SmtpSender {

  /** What one send needs. */
  public record Outgoing(List<String> to, String subject, String text, String html) {}

  private final SmtpSettings settings;
  private final Session session;
  private final String protocol;

  public SmtpSender(SmtpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.protocol = settings.security() == SmtpSettings.Security.tls ? "smtps" : "smtp";
    this.session = Session.getInstance(properties(settings, protocol, socketFactory(settings)));
  }

  public SmtpSettings settings() {
    return settings;
  }

  /** Sends the message; {@link MessagingException} when the SMTP server or network refuses. */
  public void send(Outgoing mail, Instant now) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(settings.from(), true));
    for (String to : mail.to()) {
      message.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    }
    message.setSubject(mail.subject(), "UTF-8");
    message.setSentDate(Date.from(now));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(
        "<!DOCTYPE html>\n<html><body>\n" + mail.html() + "\n</body></html>\n", "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    try (Transport transport = session.getTransport(protocol)) {
      if (settings.user().isPresent()) {
        transport.connect(
            settings.host(),
            settings.port(),
            settings.user().get(),
            settings.password().orElseThrow());
      } else {
        transport.connect(settings.host(), settings.port(), null, null);
      }
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private static Properties properties(SmtpSettings s, String protocol, SSLSocketFactory sockets) {
    Properties p = new Properties();
    String k = "mail." + protocol + ".";
    p.put(k + "host", s.host());
    p.put(k + "port", Integer.toString(s.port()));
    String millis = Long.toString(s.timeout().toMillis());
    p.put(k + "connectiontimeout", millis);
    p.put(k + "timeout", millis);
    p.put(k + "writetimeout", millis);
    p.put(k + "auth", Boolean.toString(s.user().isPresent()));
    p.put(k + "from", s.from());
    switch (s.security()) {
      case starttls:
        p.put(k + "starttls.enable", "true");
        p.put(k + "starttls.required", "true");
        p.put(k + "ssl.socketFactory", sockets);
        p.put(k + "ssl.checkserveridentity", "true");
        p.put(k + "ssl.protocols", "TLSv1.3 TLSv1.2");
        break;
      case tls:
        p.put(k + "ssl.enable", "true");
        p.put(k + "ssl.socketFactory", sockets);
        p.put(k + "ssl.checkserveridentity", "true");
        p.put(k + "ssl.protocols", "TLSv1.3 TLSv1.2");
        break;
      default:
        p.put(k + "starttls.enable", "false");
    }
    return p;
  }

  private static SSLSocketFactory socketFactory(SmtpSettings s) {
    try {
      if (s.caFile().isEmpty()) {
        return SSLContext.getDefault().getSocketFactory();
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      int n = 0;
      try (InputStream in = Files.newInputStream(s.caFile().get())) {
        for (Certificate c : x509.generateCertificates(in)) {
          trust.setCertificateEntry("ca-" + n++, c);
        }
      }
      if (n == 0) {
        throw new IllegalArgumentException("smtp.ca.file has no certificate: " + s.caFile().get());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read smtp.ca.file " + s.caFile().map(Object::toString).orElse("") + ": " + e, e);
    }
  }
}
