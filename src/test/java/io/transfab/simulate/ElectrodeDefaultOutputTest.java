package io.transfab.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.transfab.data.CsvWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards the default electrode output: the opt-in drying profile must not change a single byte of
 * a default table. The expected digests were recorded from the code before the profile existed.
 */
class ElectrodeDefaultOutputTest {
    @ParameterizedTest
    @CsvSource({
        "NMC, b6f88e5d0972ceea046ee33962ec80bbef7dacb6da7d87e1d4287d1df2c0c109",
        "LFP, 20147e91e9c5084aad26618baade12f6ee05c0a9718db218f6276befd513a740",
        "GRAPHITE, 05c33711feed1680cba411ebba9da15bbe355391ef9bdde72d23f23e83d1321f",
        "SILICON_GRAPHITE, a7f68bc502eff8f97783c5b55248426d9e0633681b07020534c55c150d78c4df"})
    void defaultTableIsBitIdenticalToTheRecordedOne(Chemistry c, String expectedSha256) throws Exception {
        // Given the default simulator of a chemistry and a fixed seed
        ElectrodeSimulator sim = ElectrodeSimulator.of(c);
        // When a table is simulated and written as CSV
        String csv = CsvWriter.toCsv(sim.simulate(60, 42L));
        // Then its SHA-256 equals the digest recorded before the drying profile was added
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(digest)).as(c.name()).isEqualTo(expectedSha256);
    }
}
