package org.openrps.server.mail;

import static org.openrps.server.http.HtmlText.escape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail templates in resource files: {@code templates/<name>.txt} (first line {@code Subject: …},
 * a blank line, then the text) and {@code templates/<name>.html} (the HTML body). A placeholder is
 * {@code {{name}}}; its value is inserted as it is in the subject and text, HTML-escaped in the
 * HTML. A placeholder without a value is an error, never an empty string.
 */
public final class MailTemplates {

  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9]{0,63}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");

  /** A message made from a template, ready for the outbox. */
  public record Rendered(String subject, String text, String html) {}

  private final ClassLoader loader;
  private final String base;

  /** The templates shipped with the server. */
  public MailTemplates() {
    this(MailTemplates.class.getClassLoader(), "org/openrps/server/mail/templates/");
  }

  MailTemplates(ClassLoader loader, String base) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.base = Objects.requireNonNull(base, "base");
  }

  /** Renders a template; {@link IllegalArgumentException} when it or a value is missing. */
  public Rendered render(String name, Map<String, String> model) {
    Objects.requireNonNull(model, "model");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("template name must match " + NAME + ": " + name);
    }
    String text = read(name + ".txt");
    String html = read(name + ".html");
    if (!text.startsWith("Subject:")) {
      throw new IllegalArgumentException("template " + name + ".txt must start with 'Subject:'");
    }
    int end = text.indexOf('\n');
    String subjectLine = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 1);
    if (body.startsWith("\n")) {
      body = body.substring(1);
    }
    String subject = fill(name, subjectLine.substring("Subject:".length()).trim(), model, false);
    if (subject.contains("\r") || subject.contains("\n")) {
      throw new IllegalArgumentException("a subject must be one line");
    }
    return new Rendered(subject, fill(name, body, model, false), fill(name, html, model, true));
  }

  private String read(String file) {
    try (InputStream in = loader.getResourceAsStream(base + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no mail template " + base + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read mail template " + base + file, e);
    }
  }

  private static String fill(String template, String in, Map<String, String> model, boolean html) {
    Matcher m = PLACEHOLDER.matcher(in);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = model.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "template " + template + " needs a value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(html ? escape(value) : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Escapes text for HTML content and attribute values. */
}
