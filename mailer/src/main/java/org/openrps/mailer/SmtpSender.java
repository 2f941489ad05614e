package org.openrps.mailer;

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
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends one message over SMTP with Angus Mail: plain text, or a multipart/alternative of the text
 * and an HTML body. With {@code starttls} the upgrade is required (a server that does not offer it
 * is an error, never a plain send); with {@code starttls} and {@code tls} the server's certificate
 * is checked against the trust (system, or the configured PEM file) and its host name.
 */
public final class SmtpSender {

  /**
   * What one send needs.
   *
   * @param to the recipients, plain addresses
   * @param html the body of an HTML part beside the text (inside {@code <body>}); empty: text only
   */
  public record Message(List<String> to, String subject, String text, Optional<String> html) {
    public Message {
      to = List.copyOf(Objects.requireNonNull(to, "to"));
      if (to.isEmpty()) {
        throw new IllegalArgumentException("a message needs a recipient");
      }
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(html, "html");
    }

    /** A plain-text message. */
    public Message(List<String> to, String subject, String text) {
      this(to, subject, text, Optional.empty());
    }
  }

  /**
   * The SMTP server or the network refused: {@link #getMessage()} is one line (what failed, from
   * the outermost cause in), never a password.
   */
  public static final class SendFailed extends Exception {
    SendFailed(Throwable cause) {
      super(oneLine(cause), cause);
    }
  }

  private final SmtpSettings settings;
  private final Session session;
  private final String protocol;

  /**
   * @throws IllegalArgumentException when the PEM file to trust cannot be read or holds no
   *     certificate
   */
  public SmtpSender(SmtpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.protocol = settings.security() == SmtpSettings.Security.tls ? "smtps" : "smtp";
    this.session = Session.getInstance(properties(settings, protocol, socketFactory(settings)));
  }

  public SmtpSettings settings() {
    return settings;
  }

  /** Sends the message, dated {@code now}. */
  public void send(Message mail, Instant now) throws SendFailed {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(settings.from(), true));
      for (String to : mail.to()) {
        message.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(to, true));
      }
      message.setSubject(mail.subject(), "UTF-8");
      message.setSentDate(Date.from(now));
      if (mail.html().isEmpty()) {
        message.setText(mail.text(), "UTF-8", "plain");
      } else {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(
            "<!DOCTYPE html>\n<html><body>\n" + mail.html().get() + "\n</body></html>\n",
            "UTF-8",
            "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
      }
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
    } catch (MessagingException | RuntimeException e) {
      throw new SendFailed(e);
    }
  }

  /**
   * A failure as one line of at most 500 characters: each cause's class and message, outermost
   * first, joined by {@code <-}, line breaks removed.
   */
  public static String oneLine(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null && s.length() < 500; t = t.getCause()) {
      if (s.length() > 0) {
        s.append(" <- ");
      }
      s.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    String line = s.toString().replaceAll("[\\r\\n\\t]+", " ").trim();
    return line.length() > 500 ? line.substring(0, 500) : line;
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
        throw new IllegalArgumentException(
            "no certificate in the SMTP server's trust file " + s.caFile().get());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot read the SMTP server's trust file "
              + s.caFile().map(Object::toString).orElse("")
              + ": "
              + e,
          e);
    }
  }
}
