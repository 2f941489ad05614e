package org.openrps.server.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.wire.DeviceRef;
import org.openrps.wire.key.DeviceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolment: an administrator makes a one-time code for a site; an agent or device exchanges it for
 * its own id and secret. Codes are kept as SHA-256 hashes, expire, and work once; secrets are kept
 * as Argon2id hashes. Clients rotate their own secret; administrators revoke clients.
 */
public final class Enrolment {

  private static final Logger LOG = LoggerFactory.getLogger(Enrolment.class);
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

  /** A fresh code and when it stops working. */
  public record Code(String code, Instant expiresAt) {
    @Override
    public String toString() {
      return "Code[**** until " + expiresAt + "]";
    }
  }

  /** What an enrolled client gets once: its id and secret. */
  public record Credentials(String clientId, String secret, TenantId tenant, SiteId site) {
    @Override
    public String toString() {
      return "Credentials[" + clientId + ", secret=****]";
    }
  }

  private final EnrolmentRepository codes;
  private final AccountRepository accounts;
  private final Passwords passwords;
  private final SecureRandom random;
  private final Clock clock;
  private final Duration codeLifetime;

  public Enrolment(
      EnrolmentRepository codes,
      AccountRepository accounts,
      Passwords passwords,
      SecureRandom random,
      Clock clock,
      Duration codeLifetime) {
    this.codes = Objects.requireNonNull(codes, "codes");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.random = Objects.requireNonNull(random, "random");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.codeLifetime = Objects.requireNonNull(codeLifetime, "codeLifetime");
  }

  /** Makes a code for a site in the scope; {@code not_found} when the site is not there. */
  public Code newCode(Scope scope, String createdBy, TenantId tenant, SiteId site) {
    String code = newCodeText();
    Instant now = clock.instant();
    Instant expires = now.plus(codeLifetime);
    if (!codes.insert(
        scope, tenant, site, Digests.sha256(normalize(code)), createdBy, now, expires)) {
      throw ApiException.notFound("site " + tenant + "/" + site);
    }
    LOG.info("{} - enrolment code made for site {}/{} until {}", createdBy, tenant, site, expires);
    return new Code(code, expires);
  }

  /**
   * Exchanges a code for new credentials; {@code enrol.invalid_code} (400) when it cannot. A Device
   * Direct device names the device it is ({@code device}), and its credential is bound to that
   * device's key (make trimmed, serial normalised as {@link DeviceKey} does); a device without one
   * is refused with {@code enrol.device_missing}, an agent with one with {@code
   * enrol.device_unexpected}, and a device key that cannot be made with {@code
   * enrol.device_invalid} (all 400, the code not used up).
   */
  public Credentials enrol(String code, ClientKind kind, Optional<DeviceRef> device) {
    Optional<DeviceRef> bound = boundDevice(kind, device);
    String normalized = normalize(code);
    String id = (kind == ClientKind.device ? "dev-" : "agt-") + Digests.randomHex(random, 8);
    String secret = Digests.randomUrlSafe(random, 32);
    char[] chars = secret.toCharArray();
    String hash;
    try {
      hash = passwords.hash(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
    Optional<EnrolmentRepository.Placement> placement =
        normalized.isEmpty()
            ? Optional.empty()
            : codes.redeem(Digests.sha256(normalized), id, kind, bound, hash, clock.instant());
    if (placement.isEmpty()) {
      throw new ApiException(
          400, "enrol.invalid_code", "the enrolment code is unknown, used or expired");
    }
    LOG.info(
        "{} - {} enrolled for site {}/{}{}",
        id,
        kind,
        placement.get().tenant(),
        placement.get().site(),
        bound.map(d -> ", bound to device " + d).orElse(""));
    return new Credentials(id, secret, placement.get().tenant(), placement.get().site());
  }

  /** The device key a credential of this kind is bound to; refuses what cannot be bound. */
  static Optional<DeviceRef> boundDevice(ClientKind kind, Optional<DeviceRef> device) {
    if (kind == ClientKind.agent) {
      if (device.isPresent()) {
        throw new ApiException(
            400,
            "enrol.device_unexpected",
            "an agent enrols without a device; only a device names one");
      }
      return Optional.empty();
    }
    if (device.isEmpty()) {
      throw new ApiException(
          400,
          "enrol.device_missing",
          "a device enrols naming the device it is (device: make and serial)");
    }
    DeviceRef d = device.get();
    DeviceKey key =
        DeviceKey.tryOf(d.make(), d.serial())
            .orElseThrow(
                () ->
                    new ApiException(
                        400,
                        "enrol.device_invalid",
                        "no device key in make \""
                            + d.make()
                            + "\" and serial \""
                            + d.serial()
                            + "\""));
    return Optional.of(new DeviceRef(key.make(), key.serial()));
  }

  /**
   * Gives the authenticated client a new secret, kept as pending: the current one keeps working
   * until the new one is first used (then only the new one does), so a client that never got the
   * answer is not locked out. A second rotation before that replaces the pending secret.
   */
  public String rotate(ClientPrincipal client) {
    String secret = Digests.randomUrlSafe(random, 32);
    char[] chars = secret.toCharArray();
    try {
      if (!accounts.rotateSecret(
          client.tenant(), client.clientId(), passwords.hash(chars), clock.instant())) {
        throw ApiException.invalidCredentials();
      }
    } finally {
      Arrays.fill(chars, '\0');
    }
    LOG.info(
        "{} - new secret issued; the current one works until the new one is used",
        client.clientId());
    return secret;
  }

  /** Revokes a client in the scope; {@code not_found} when there is no live one. */
  public void revoke(Scope scope, String by, String clientId) {
    if (!accounts.revokeAgent(scope, clientId, clock.instant())) {
      throw ApiException.notFound("agent " + clientId);
    }
    LOG.info("{} - revoked by {}", clientId, by);
  }

  private String newCodeText() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        code.append('-');
      }
      code.append(BASE32[random.nextInt(32)]);
    }
    return code.toString();
  }

  /** Codes are typed by people: case, spaces and dashes do not matter. */
  static String normalize(String code) {
    if (code == null || code.length() > 64) {
      return "";
    }
    return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }
}
