package io.transfab.server;

import static io.transfab.server.ServerTestSupport.get;
import static io.transfab.server.ServerTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.transfab.data.CsvReader;
import io.transfab.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaigns through the API: status, a round's suggestions, and recording results as campaign record does. */
class ServerCampaignTest {
    @TempDir
    Path tmp;

    @Test
    void statusSuggestionsAndRecordedResults() throws Exception {
        // Given a campaign with one round of three suggested experiments, made with the CLI
        Path ws = tmp.resolve("ws");
        Path space = Files.writeString(tmp.resolve("space.yaml"), """
                parameters:
                  - {name: am_wt_pct, type: continuous, min: 90, max: 96}
                """);
        String c = ws.resolve("campaigns/c1").toString();
        Files.createDirectories(ws.resolve("campaigns"));
        ServerTestSupport.cli("campaign", "init", "--dir", c, "--space", space.toString(), "--targets", "density_g_cm3");
        ServerTestSupport.cli("campaign", "suggest", "--dir", c, "--n", "3", "--seed", "3");
        try (TransfabServer s = ServerTestSupport.start(ws, Optional.empty(), 1, 1, 1)) {
            // When the campaigns are listed, the campaign is opened and its suggestions downloaded
            JsonNode list = get(s, "/api/v1/campaigns").json();
            JsonNode status = get(s, "/api/v1/campaigns/c1").json();
            ServerTestSupport.Answer csv = get(s, "/api/v1/campaigns/c1/rounds/1/suggestions");
            // Then the round is there with its three suggestions and none recorded
            assertThat(list.get("campaigns").get(0).get("name").asText()).isEqualTo("c1");
            assertThat(status.get("targets").toString()).contains("density_g_cm3");
            assertThat(status.get("rounds")).hasSize(1);
            assertThat(status.get("rounds").get(0).get("suggestions").asInt()).isEqualTo(3);
            assertThat(status.get("rounds").get(0).get("recorded").asInt()).isZero();
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.type()).startsWith("text/csv");
            Table suggestions = CsvReader.parse("suggestions", csv.body());
            assertThat(suggestions.rowCount()).isEqualTo(3);

            // When measured results are recorded, one bad file first
            StringBuilder results = new StringBuilder("suggestion,am_wt_pct,density_g_cm3 [g/cm3]\n");
            for (int r = 0; r < 3; r++) {
                results.append(suggestions.cell(r, 0)).append(',')
                        .append(suggestions.cell(r, suggestions.indexOf("am_wt_pct"))).append(',')
                        .append(1.3 + 0.1 * r).append('\n');
            }
            ServerTestSupport.Answer bad = post(s, "/api/v1/campaigns/c1/results", "text/csv",
                    "suggestion,am_wt_pct,density_g_cm3\n,97,1.4\n");
            ServerTestSupport.Answer ok = post(s, "/api/v1/campaigns/c1/results", "text/csv", results.toString());
            // Then the bad one is refused naming the value and leaves no results, the good one is recorded
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().get("detail").asText()).contains("97").contains("outside the space's range");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().get("added").asInt()).isEqualTo(3);
            assertThat(ok.json().get("linked").asInt()).isEqualTo(3);
            JsonNode after = get(s, "/api/v1/campaigns/c1").json();
            assertThat(after.get("results").asInt()).isEqualTo(3);
            assertThat(after.get("rounds").get(0).get("recorded").asInt()).isEqualTo(3);
            assertThat(get(s, "/api/v1/campaigns/none").status()).isEqualTo(404);
            assertThat(get(s, "/api/v1/campaigns/c1/rounds/9/suggestions").status()).isEqualTo(404);
        }
    }
}
