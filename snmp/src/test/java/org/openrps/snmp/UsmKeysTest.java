package org.openrps.snmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.smi.OctetString;

class UsmKeysTest {

  private final UsmKeys keys = new UsmKeys();
  private final byte[] engineId = HexFormat.of().parseHex("80007ed9057f4701010489");

  @Test
  void rfc3414AppendixA3KeyLocalisationForMd5AndSha1() {
    byte[] rfcEngineId = HexFormat.of().parseHex("000000000000000000000002");
    UsmUser md5 = UsmUser.authNoPriv("u", AuthProtocol.MD5, Passphrase.of("maplesyrup"));
    UsmUser sha = UsmUser.authNoPriv("u", AuthProtocol.SHA1, Passphrase.of("maplesyrup"));
    assertThat(HexFormat.of().formatHex(keys.authKey(md5, rfcEngineId)))
        .isEqualTo("526f5eed9fcce26f8964c2930787d82b");
    assertThat(HexFormat.of().formatHex(keys.authKey(sha, rfcEngineId)))
        .isEqualTo("6695febc9288e36282235fc7151f128497b38f3f");
  }

  @Test
  void keysMatchSnmp4jsOwnDerivationForEveryDefaultUser() {
    for (UsmUser user : UsmUser.defaultSet()) {
      if (user.auth() == AuthProtocol.NONE) {
        continue;
      }
      OctetString authPass = new OctetString(user.authPassphrase().orElseThrow().value());
      assertThat(keys.authKey(user, engineId))
          .as(user.name())
          .isEqualTo(keys.auth(user.auth()).passwordToKey(authPass, engineId));
      if (user.priv() != PrivProtocol.NONE) {
        OctetString privPass = new OctetString(user.privPassphrase().orElseThrow().value());
        assertThat(keys.privKey(user, engineId))
            .as(user.name())
            .isEqualTo(
                SecurityProtocols.passwordToKey(
                    keys.priv(user.priv()), keys.auth(user.auth()), privPass, engineId));
      }
    }
  }

  @Test
  void aUsersLocalizedKeysAreItsAuthThenPrivKeyAndNoneWithoutAuth() {
    UsmUser user =
        UsmUser.authPriv(
            "u",
            AuthProtocol.SHA256,
            Passphrase.of("auth-passphrase"),
            PrivProtocol.AES256,
            Passphrase.of("priv-passphrase"));
    assertThat(user.localizedKeys(engineId))
        .containsExactly(keys.authKey(user, engineId), keys.privKey(user, engineId));
    assertThat(user.localizedKeys(engineId).get(1)).hasSize(32);
    assertThat(UsmUser.noAuthNoPriv("n").localizedKeys(engineId)).isEmpty();
  }
}
