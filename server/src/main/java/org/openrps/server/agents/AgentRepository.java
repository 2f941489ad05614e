package org.openrps.server.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.openrps.server.store.ClientKind;
import org.openrps.server.store.Database;
import org.openrps.server.store.Scope;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.Sql;
import org.openrps.server.store.TenantId;
import org.openrps.wire.SiteFacts;

/**
 * Agents as an administrator sees them: the credential's placement and state, the last contact, and
 * the newest site information each agent sent ({@code agent_site}: one row per agent, the facts
 * whole as wire JSON beside the few columns a query may filter on).
 */
public final class AgentRepository {

  private final Jdbi jdbi;
  private final ObjectMapper json;

  /**
   * @param json the wire mapper: the facts are stored and read back in wire form
   */
  public AgentRepository(Database database, ObjectMapper json) {
    this.jdbi = database.jdbi();
    this.json = Objects.requireNonNull(json, "json");
  }

  /** Clients in the scope, by id, after {@code after} (empty string: from the start). */
  public List<AgentInfo> list(Scope scope, String after, int limit) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AgentRepository.class, "list")), scope)
                .bind("after", after)
                .bind("limit", limit)
                .map((rs, ctx) -> agentInfo(rs))
                .list());
  }

  /** The client, if it is in the scope. */
  public Optional<AgentInfo> find(Scope scope, String id) {
    return jdbi.withHandle(
        h ->
            Scope.bind(h.createQuery(Sql.of(AgentRepository.class, "find")), scope)
                .bind("id", id)
                .map((rs, ctx) -> agentInfo(rs))
                .findOne());
  }

  /**
   * Keeps the agent's site information, in the caller's transaction (one statement), unless the
   * agent already has facts collected at the same time or later: an older report that arrives late
   * never rolls them back.
   *
   * @param tenant the agent's tenant, as authenticated
   * @param site the agent's site, as authenticated
   * @param json the wire mapper
   */
  public static void storeSite(
      Handle h,
      TenantId tenant,
      SiteId site,
      String agentId,
      String reportId,
      SiteFacts facts,
      Instant receivedAt,
      ObjectMapper json) {
    String text;
    try {
      text = json.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write site information as JSON", e);
    }
    h.createUpdate(Sql.of(AgentRepository.class, "upsertSite"))
        .bind("agentId", agentId)
        .bind("tenant", tenant.value())
        .bind("site", site.value())
        .bind("collectedAt", Sql.time(facts.collectedAt()))
        .bind("receivedAt", Sql.time(receivedAt))
        .bind("reportId", reportId)
        .bind("agentVersion", facts.agentVersion())
        .bind("hostName", facts.hostName().orElse(null))
        .bind("siteName", facts.siteName().orElse(null))
        .bind("agentAddress", facts.agentAddress().orElse(null))
        .bind("facts", text)
        .execute();
  }

  private AgentInfo agentInfo(ResultSet rs) throws SQLException {
    return new AgentInfo(
        rs.getString("id"),
        ClientKind.valueOf(rs.getString("kind")),
        TenantId.of(rs.getString("tenant_id")),
        SiteId.of(rs.getString("site_id")),
        Sql.instant(rs, "updated_at"),
        Optional.ofNullable(rs.getTimestamp("revoked_at")).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getTimestamp("last_contact_at")).map(Timestamp::toInstant),
        Optional.ofNullable(rs.getString("last_version")),
        rs.getLong("devices_reported"),
        site(rs));
  }

  private Optional<AgentSite> site(ResultSet rs) throws SQLException {
    String facts = rs.getString("site_facts");
    if (facts == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new AgentSite(
              rs.getString("site_report_id"),
              Sql.instant(rs, "site_received_at"),
              json.readValue(facts, SiteFacts.class)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the site information of " + rs.getString("id") + " is not wire JSON", e);
    }
  }
}
