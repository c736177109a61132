package io.transfab.simulate;

import static io.transfab.testing.Approx.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeterogeneityTest {
    /** SHA-256 of the CSV of {@code simulate electrode --rows 60 --seed 7} before heterogeneity existed. */
    static final String GOLDEN_NMC_60_SEED_7 = "946fedc511ceab12dcf661fb932fed786a2f9447b9b57d86e52da5acae685eb5";
    private static final double ROUNDING = 2e-4; // 5 significant digits on both sides

    private static final ElectrodeSimulator NMC = ElectrodeSimulator.of(Chemistry.NMC);

    private static Heterogeneity labs(int labs, List<Heterogeneity.Calibration> cal, List<Heterogeneity.OperatorNoise> noise) {
        return new Heterogeneity(labs, Heterogeneity.Assignment.ROUND_ROBIN, cal, noise, 0,
                Heterogeneity.DEFAULT_LOT_SD);
    }

    private static double[] column(Table t, String name) {
        int c = t.indexOf(name);
        assertThat(c).as(name).isGreaterThanOrEqualTo(0);
        double[] v = new double[t.rowCount()];
        for (int r = 0; r < v.length; r++) {
            v[r] = t.number(r, c);
        }
        return v;
    }

    private static double sd(List<Double> v) {
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return Math.sqrt(v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (v.size() - 1));
    }

    @Test
    void withoutOptionsTheTableIsBitIdenticalToThePlainSimulator() {
        // Given no heterogeneity
        Heterogeneity none = Heterogeneity.none();
        // When the electrode table is simulated through it
        Heterogeneity.Result r = none.simulate(NMC, 60, 7L);
        // Then its CSV is byte for byte the one the simulator wrote before heterogeneity existed
        assertThat(none.isNone()).isTrue();
        String csv = CsvWriter.toCsv(r.table());
        assertEquals(csv, CsvWriter.toCsv(NMC.simulate(60, 7L)));
        assertEquals(GOLDEN_NMC_60_SEED_7, sha256(csv));
        assertThat(r.record().labs()).isEmpty();
        assertThat(r.record().lots()).isEmpty();
    }

    static String sha256(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachLabRecordsGainTimesTrueValuePlusItsOffset() {
        // Given a simulated table and three labs calibrating porosity and the drying temperature
        Table base = NMC.simulate(90, 3L);
        Heterogeneity h = labs(3, List.of(Heterogeneity.Calibration.parse("porosity:0.02:0.05"),
                Heterogeneity.Calibration.parse("drying_temp_c:3:0.01")), List.of());
        // When it is applied
        Heterogeneity.Result r = h.apply(base, 11L);
        // Then rows go round robin to lab1..lab3 and each recorded value is gain * true + offset of its lab
        Table t = r.table();
        assertThat(t.names()).endsWith("lab");
        assertThat(r.record().labs()).extracting(Heterogeneity.Lab::name).containsExactly("lab1", "lab2", "lab3");
        assertThat(r.record().labs()).extracting(Heterogeneity.Lab::rows).containsExactly(30, 30, 30);
        for (String col : List.of("porosity", "drying_temp_c")) {
            double[] truth = column(base, col);
            double[] rec = column(t, col);
            for (int i = 0; i < truth.length; i++) {
                String lab = t.cell(i, t.indexOf("lab"));
                assertEquals("lab" + (i % 3 + 1), lab);
                Heterogeneity.ColumnCalibration c = r.record().labs().get(i % 3).calibrations().stream()
                        .filter(x -> x.column().equals(col)).findFirst().orElseThrow();
                assertClose(rec[i], c.gain() * truth[i] + c.offset(), ROUNDING, 1e-9, col + " row " + i);
            }
        }
        // and the other columns are untouched
        assertThat(column(t, "thickness_um")).containsExactly(column(base, "thickness_um"));
    }

    @Test
    void offsetsAndGainsAreDrawnWithTheStatedSpread() {
        // Given 400 labs with offset sd 0.02 and gain sd 0.05 on porosity
        Heterogeneity h = labs(400, List.of(new Heterogeneity.Calibration("porosity", 0.02, 0.05)), List.of());
        // When they are drawn
        Heterogeneity.Result r = h.apply(NMC.simulate(400, 5L), 5L);
        List<Double> offsets = new ArrayList<>();
        List<Double> gains = new ArrayList<>();
        for (Heterogeneity.Lab lab : r.record().labs()) {
            offsets.add(lab.calibrations().get(0).offset());
            gains.add(lab.calibrations().get(0).gain() - 1);
        }
        // Then offsets ~ N(0, 0.02) and gains ~ 1 + N(0, 0.05) (sd of an sd from 400 draws is ~3.5 %)
        assertClose(sd(offsets), 0.02, 0.15, 0, "offset sd");
        assertClose(sd(gains), 0.05, 0.15, 0, "gain sd");
        assertClose(offsets.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 0, 0, 0.003,
                "offset mean");
        assertClose(gains.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 0, 0, 0.008,
                "gain mean");
    }

    @Test
    void operatorNoiseAddsScatterOfTheGivenSdToOneColumnOnly() {
        // Given operator noise of 0.01 on porosity and no labs
        Table base = NMC.simulate(500, 9L);
        Heterogeneity h = labs(0, List.of(), List.of(Heterogeneity.OperatorNoise.parse("porosity:0.01")));
        // When it is applied
        Table t = h.apply(base, 9L).table();
        // Then porosity differs by scatter of sd ~0.01, no lab column is added, other columns are unchanged
        double[] a = column(base, "porosity");
        double[] b = column(t, "porosity");
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            d.add(b[i] - a[i]);
        }
        assertClose(sd(d), 0.01, 0.15, 0, "operator noise sd");
        assertThat(t.has("lab")).isFalse();
        assertThat(column(t, "tortuosity")).containsExactly(column(base, "tortuosity"));
    }

    @Test
    void lotsChangePropertiesThroughThePhysicsNotTheSettings() {
        // Given two material lots with 10 % spread
        Heterogeneity h = new Heterogeneity(0, Heterogeneity.Assignment.ROUND_ROBIN, List.of(), List.of(), 2, 0.1);
        // When 200 rows are simulated with lots and without
        Heterogeneity.Result r = h.simulate(NMC, 200, 4L);
        Table plain = NMC.simulate(200, 4L);
        Table t = r.table();
        // Then the settings are the same, the lots are used in two blocks of 100 rows
        for (String p : ElectrodeParameters.names()) {
            assertThat(column(t, p)).as(p).containsExactly(column(plain, p));
        }
        assertThat(r.record().lots()).extracting(Heterogeneity.Lot::rows).containsExactly(100, 100);
        assertEquals("lot1", t.cell(0, t.indexOf("lot")));
        assertEquals("lot2", t.cell(199, t.indexOf("lot")));
        // and the capacity per mass loading scales with the lot's capacity factor (the binder lot also
        // changes the slurry viscosity and so the loading, hence per loading)
        double[] cap = column(t, "areal_capacity_mah_cm2");
        double[] load = column(t, "mass_loading_mg_cm2");
        double[] capPlain = column(plain, "areal_capacity_mah_cm2");
        double[] loadPlain = column(plain, "mass_loading_mg_cm2");
        for (int i = 0; i < cap.length; i++) {
            MaterialLot lot = r.record().lots().get(i < 100 ? 0 : 1).lot();
            assertClose((cap[i] / load[i]) / (capPlain[i] / loadPlain[i]), lot.capacityFactor(), 2 * ROUNDING, 0,
                    "specific capacity ratio row " + i);
        }
        assertThat(column(t, "slurry_viscosity_pa_s")).isNotEqualTo(column(plain, "slurry_viscosity_pa_s"));
        // and calendered porosity moves with the compaction resistance: a harder lot stays more porous
        double[] eps = column(t, "porosity");
        double[] epsPlain = column(plain, "porosity");
        for (int i = 0; i < eps.length; i++) {
            double f = r.record().lots().get(i < 100 ? 0 : 1).lot().compactionFactor();
            if (Math.abs(f - 1) > 0.01) {
                assertThat(Math.signum(eps[i] - epsPlain[i])).as("row %d", i).isEqualTo(Math.signum(f - 1));
            }
        }
    }

    @Test
    void sameSeedSameTableOtherSeedOtherDraws() {
        // Given labs with calibration, operator noise and lots, random assignment
        Heterogeneity h = new Heterogeneity(3, Heterogeneity.Assignment.RANDOM,
                List.of(Heterogeneity.Calibration.parse("thickness_um:2:0.02")),
                List.of(Heterogeneity.OperatorNoise.parse("adhesion_n_m:0.5")), 3, 0.03);
        // When it runs twice with one seed and once with another
        Heterogeneity.Result a = h.simulate(NMC, 120, 21L);
        Heterogeneity.Result b = h.simulate(NMC, 120, 21L);
        Heterogeneity.Result c = h.simulate(NMC, 120, 22L);
        // Then the same seed gives the same table and draws, another seed other ones
        assertEquals(CsvWriter.toCsv(a.table()), CsvWriter.toCsv(b.table()));
        assertEquals(a.record(), b.record());
        assertNotEquals(a.record().labs(), c.record().labs());
        Map<String, Long> perLab = new java.util.TreeMap<>();
        for (int i = 0; i < a.table().rowCount(); i++) {
            perLab.merge(a.table().cell(i, a.table().indexOf("lab")), 1L, Long::sum);
        }
        assertThat(perLab.keySet()).containsExactly("lab1", "lab2", "lab3");
        assertThat(a.record().labs().stream().collect(Collectors.toMap(Heterogeneity.Lab::name, l -> (long) l.rows())))
                .isEqualTo(perLab);
    }

    @Test
    void badOptionsAreRejectedWithAMessageNamingTheProblem() {
        Table base = NMC.simulate(20, 1L);
        // Given an unknown column, then a calibration without labs, then malformed specs
        DataException unknown = assertThrows(DataException.class,
                () -> labs(2, List.of(Heterogeneity.Calibration.parse("porosty:0.01:0")), List.of()).apply(base, 1L));
        assertThat(unknown.getMessage()).contains("porosty").contains("--calibration");
        assertThrows(DataException.class,
                () -> labs(0, List.of(Heterogeneity.Calibration.parse("porosity:0.01:0")), List.of()));
        assertThat(assertThrows(DataException.class, () -> Heterogeneity.Calibration.parse("porosity:1"))
                .getMessage()).contains("COL:OFFSET_SD:GAIN_SD");
        assertThrows(DataException.class, () -> Heterogeneity.OperatorNoise.parse("porosity:-1"));
        assertThrows(DataException.class, () -> Heterogeneity.OperatorNoise.parse("porosity:x"));
        // and lots cannot be applied to a finished table (they act through the physics)
        Heterogeneity lots = new Heterogeneity(0, Heterogeneity.Assignment.ROUND_ROBIN, List.of(), List.of(), 2, 0.03);
        assertThrows(DataException.class, () -> lots.apply(base, 1L));
        assertThrows(DataException.class, () -> Heterogeneity.Assignment.fromCliName("sorted"));
    }
}
