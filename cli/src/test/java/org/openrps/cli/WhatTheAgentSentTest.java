package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.client.Credentials;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.UsmUser;

/**
 * What the agent sent, seen on the wire: the real agent command against a real simulator (SNMP over
 * loopback UDP, v2c and v3) and a real server, through a recording HTTPS proxy that keeps every
 * upload's body as it came off the wire. Nothing the agent holds as a secret is in any of them, and
 * {@code agent outbox} names each one by its length and SHA-256.
 */
class WhatTheAgentSentTest {

  private static final String COMMUNITY = "Zk8-secret-community";
  private static final String UNUSED_COMMUNITY = "Zk8-unused-community";

  /** Users with several protocols, each with passphrases of its own. */
  private static final List<UsmUser> USERS =
      List.of(
          user("zk8-sha256-aes256", AuthProtocol.SHA256, PrivProtocol.AES256),
          user("zk8-sha1-aes128", AuthProtocol.SHA1, PrivProtocol.AES128),
          user("zk8-sha512-aes192", AuthProtocol.SHA512, PrivProtocol.AES192),
          user("zk8-md5-des", AuthProtocol.MD5, PrivProtocol.DES));

  @TempDir Path dir;

  private static UsmUser user(String name, AuthProtocol auth, PrivProtocol priv) {
    return UsmUser.authPriv(
        name,
        auth,
        Passphrase.of("Zk8-auth-" + name + "-pass"),
        priv,
        Passphrase.of("Zk8-priv-" + name + "-pass"));
  }

  private static final String PAGE_PASSWORD = "Zk8-page-password-of-the-agent";

  @Test
  void noUploadHoldsACommunityV3NamePassphraseKeyOrCredentialAndTheOutboxNamesEachUpload()
      throws Exception {
    try (ServerApp server =
            ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), Clock.systemUTC());
        Simulator sim =
            Simulator.start(
                new SimulatorConfig(3, InetAddress.getByName("127.59.8.1"), 0, COMMUNITY, 13)
                    .withMix(Map.of("Xerox", 1, "Ricoh", 1, "Kyocera", 1)) // v3 in context ""
                    .withUsers(USERS),
                Clock.systemUTC());
        RecordingProxy proxy =
            new RecordingProxy(dir.resolve("server"), server.certificatePem(), server.port())) {
      String code = server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code();
      Path agentDir = dir.resolve("agent");
      String[] common = {
        "agent",
        "--once",
        "--targets",
        "127.59.8.1-127.59.8.3",
        "--port",
        Integer.toString(sim.printers().get(0).address().getPort()),
        "--server",
        "https://127.0.0.1:" + proxy.port(),
        "--trust-cert",
        server.certificatePem().toString(),
        "--data",
        agentDir.toString(),
        "--page-password",
        PAGE_PASSWORD
      };
      List<String[]> cycles = new ArrayList<>();
      cycles.add(
          new String[] {
            "--enrol-code",
            code,
            "--community-for",
            "127.59.8.1-127.59.8.3=" + COMMUNITY,
            "--community",
            UNUSED_COMMUNITY
          });
      for (UsmUser u : USERS) {
        cycles.add(
            new String[] {
              "--v3-user",
              u.name(),
              "--auth",
              u.auth().name(),
              "--auth-pass",
              u.authPassphrase().orElseThrow().value(),
              "--priv",
              u.priv().name(),
              "--priv-pass",
              u.privPassphrase().orElseThrow().value()
            });
      }
      for (String[] credentials : cycles) {
        Run cycle = Run.of(Run.concat(common, credentials));
        assertThat(cycle.exit()).as(cycle.err()).isZero();
        assertThat(cycle.out()).contains("3 printers");
      }

      List<byte[]> uploads = proxy.uploads();
      assertThat(uploads).hasSize(cycles.size());
      Credentials agent = Credentials.load(agentDir.resolve("credentials.properties"));
      Map<String, byte[]> secrets = secrets(agent, code, sim.printers());
      for (int i = 0; i < uploads.size(); i++) {
        byte[] wire = uploads.get(i);
        byte[] json = gunzip(wire);
        // the search works: what must be there is found; v2c first, then each v3 user
        assertThat(new String(json, StandardCharsets.UTF_8))
            .contains(i == 0 ? "\"version\":\"v2c\"" : "\"version\":\"v3\"");
        assertThat(indexOf(json, utf8(agent.agentId())))
            .as("agent id in upload %d", i)
            .isNotNegative();
        for (SimulatedPrinter p : sim.printers()) {
          assertThat(indexOf(json, utf8(p.serial()))).as("serial in upload %d", i).isNotNegative();
        }
        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
          assertThat(indexOf(wire, secret.getValue()))
              .as("%s in the gzip bytes of upload %d", secret.getKey(), i)
              .isNegative();
          assertThat(indexOf(json, secret.getValue()))
              .as("%s in the JSON of upload %d", secret.getKey(), i)
              .isNegative();
        }
      }

      Run outbox = Run.of("agent", "outbox", "--json", "--data", agentDir.toString());
      assertThat(outbox.exit()).as(outbox.err()).isZero();
      JsonNode logged = new ObjectMapper().readTree(outbox.out()).get("uploads");
      assertThat(logged).hasSize(uploads.size());
      for (int i = 0; i < uploads.size(); i++) {
        JsonNode entry = logged.get(uploads.size() - 1 - i); // newest first
        assertThat(entry.get("sha256").asText()).isEqualTo(sha256(uploads.get(i)));
        assertThat(entry.get("bytes").asInt()).isEqualTo(uploads.get(i).length);
        assertThat(entry.get("outcome").asText()).isEqualTo("acknowledged");
        assertThat(entry.get("devices").asInt()).isEqualTo(3);
      }
      Run human = Run.of("agent", "outbox", "--data", agentDir.toString());
      assertThat(human.out())
          .contains(sha256(uploads.get(0)))
          .contains(String.format(java.util.Locale.ROOT, "%,d bytes", uploads.get(0).length))
          .contains("Refused reports kept: none");

      assertThat(mode(agentDir.resolve("agent.db"))).isEqualTo("rw-------");
      assertThat(mode(agentDir.resolve("credentials.properties"))).isEqualTo("rw-------");
    }
  }

  /** Every secret the agent holds, by name: as text, and the USM keys as raw bytes and hex. */
  private static Map<String, byte[]> secrets(
      Credentials agent, String enrolCode, List<SimulatedPrinter> printers) {
    Map<String, byte[]> all = new LinkedHashMap<>();
    all.put("community", utf8(COMMUNITY));
    all.put("unused community", utf8(UNUSED_COMMUNITY));
    all.put("enrolment code", utf8(enrolCode));
    all.put("local page password", utf8(PAGE_PASSWORD));
    String secret = new String(agent.secret());
    all.put("agent secret", utf8(secret));
    all.put(
        "agent basic credentials",
        utf8(Base64.getEncoder().encodeToString(utf8(agent.agentId() + ":" + secret))));
    for (UsmUser u : USERS) {
      all.put("v3 user " + u.name(), utf8(u.name()));
      all.put("auth passphrase of " + u.name(), utf8(u.authPassphrase().orElseThrow().value()));
      all.put("priv passphrase of " + u.name(), utf8(u.privPassphrase().orElseThrow().value()));
      for (SimulatedPrinter p : printers) {
        List<byte[]> keys = u.localizedKeys(p.engineId());
        assertThat(keys).hasSize(2);
        for (int k = 0; k < keys.size(); k++) {
          String what = (k == 0 ? "auth" : "priv") + " key of " + u.name() + " at " + p.serial();
          byte[] key = keys.get(k);
          all.put(what + " (raw)", key);
          all.put(what + " (hex)", utf8(HexFormat.of().formatHex(key)));
          all.put(what + " (HEX)", utf8(HexFormat.of().withUpperCase().formatHex(key)));
          all.put(what + " (base64)", utf8(Base64.getEncoder().encodeToString(key)));
        }
      }
    }
    return all;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] gunzip(byte[] gzip) throws Exception {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
