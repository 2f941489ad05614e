package org.openrps.client;

import java.util.Objects;
import org.openrps.wire.Receipt;

/**
 * One upload the server acknowledged: what went on the wire and what came back.
 *
 * @param body the gzip body as sent
 * @param status the HTTP status of the answer (2xx)
 * @param receipt the server's receipt for the report
 */
public record Upload(WireBody body, int status, Receipt receipt) {

  public Upload {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(receipt, "receipt");
  }
}
