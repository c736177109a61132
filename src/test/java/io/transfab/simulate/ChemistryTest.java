package io.transfab.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChemistryTest {

    @Test
    void cliNamesRoundTripIgnoringCaseAndBlanks() {
        // Given every chemistry
        for (Chemistry c : Chemistry.values()) {
            // When its CLI name is parsed back, also in upper case with blanks
            // Then the same chemistry comes back
            assertSame(c, Chemistry.fromCliName(c.cliName()));
            assertSame(c, Chemistry.fromCliName("  " + c.cliName().toUpperCase(java.util.Locale.ROOT) + " "));
        }
        assertEquals(List.of("nmc", "lfp", "graphite", "si-graphite"),
                java.util.Arrays.stream(Chemistry.values()).map(Chemistry::cliName).toList());
    }

    @Test
    void unknownCliNameListsValidNames() {
        // Given an unknown name / When parsed / Then the message lists all valid names
        DataException e = assertThrows(DataException.class, () -> Chemistry.fromCliName("nca"));
        assertThat(e.getMessage()).contains("'nca'").contains("nmc, lfp, graphite, si-graphite");
        assertThrows(DataException.class, () -> Chemistry.fromCliName(null));
    }

    @Test
    void siliconGraphiteDiffersFromNmcAsTransferTarget() {
        // Given the pre-training source (NMC) and the fine-tuning target (silicon-graphite)
        MaterialConstants nmc = Chemistry.NMC.materials();
        MaterialConstants sig = Chemistry.SILICON_GRAPHITE.materials();
        // Then the water-based anode slurry solids window (40-55 wt%) lies entirely below the NMP cathode one (60-75)
        assertEquals(Solvent.NMP, nmc.solvent());
        assertEquals(Solvent.WATER, sig.solvent());
        assertThat(sig.ranges().solidContentWtPct().disjointFrom(nmc.ranges().solidContentWtPct())).isTrue();
        assertThat(sig.ranges().solidContentWtPct().max()).isLessThan(nmc.ranges().solidContentWtPct().min());
        assertThat(sig.ranges().solidContentWtPct().min()).isEqualTo(40.0);
        assertThat(nmc.ranges().solidContentWtPct().max()).isEqualTo(75.0);
        // and materials and compaction differ
        assertThat(nmc.activeDensityGCm3()).isGreaterThan(2 * sig.activeDensityGCm3());
        assertThat(sig.specificCapacityMahG()).isGreaterThan(3 * nmc.specificCapacityMahG());
        assertThat(sig.compactionResistanceNMm()).isLessThan(nmc.compactionResistanceNMm());
        assertThat(sig.bruggemanExponent()).isGreaterThan(nmc.bruggemanExponent());
        // and some target process ranges reach outside the source ones
        assertThat(sig.ranges().commaGapUm().min()).isLessThan(nmc.ranges().commaGapUm().min());
        assertThat(sig.ranges().coatingSpeedMMin().min()).isLessThan(nmc.ranges().coatingSpeedMMin().min());
        assertThat(sig.ranges().dryingTempC().min()).isLessThan(nmc.ranges().dryingTempC().min());
    }

    @Test
    void everyChemistryHasSourcesAndAConsistentCompactionLaw() {
        for (Chemistry c : Chemistry.values()) {
            MaterialConstants m = c.materials();
            assertThat(m.sources()).isNotEmpty();
            assertThat(m.sources()).anyMatch(s -> s.contains("Meyer"));
            assertThat(m.minPorosity()).isLessThan(m.dryPorosity());
            assertThrows(UnsupportedOperationException.class, () -> m.sources().add("x"));
        }
    }

    @Test
    void materialConstantsRejectInconsistentValues() {
        // Given NMC's constants with minimum porosity above the dried porosity / When built / Then rejected
        MaterialConstants m = Chemistry.NMC.materials();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MaterialConstants(
                m.activeMaterial(), m.activeDensityGCm3(), m.specificCapacityMahG(), m.conductiveAdditive(),
                m.conductiveDensityGCm3(), m.binder(), m.binderDensityGCm3(), m.solvent(),
                m.binderSolutionViscosityPaS(), m.binderReferenceFraction(), m.intrinsicViscosity(),
                m.maxPackingFraction(), 0.3, 0.4, m.compactionResistanceNMm(), m.tortuosityPrefactor(),
                m.bruggemanExponent(), m.criticalDryingTempC(), m.referenceBinderFraction(), m.adhesionNM(),
                m.activeNetworkConductivitySM(), m.ranges(), m.sources()));
        assertThat(e.getMessage()).contains("minPorosity");
        assertThrows(IllegalArgumentException.class, () -> new MaterialConstants(
                m.activeMaterial(), Double.NaN, m.specificCapacityMahG(), m.conductiveAdditive(),
                m.conductiveDensityGCm3(), m.binder(), m.binderDensityGCm3(), m.solvent(),
                m.binderSolutionViscosityPaS(), m.binderReferenceFraction(), m.intrinsicViscosity(),
                m.maxPackingFraction(), m.dryPorosity(), m.minPorosity(), m.compactionResistanceNMm(),
                m.tortuosityPrefactor(), m.bruggemanExponent(), m.criticalDryingTempC(), m.referenceBinderFraction(),
                m.adhesionNM(), m.activeNetworkConductivitySM(), m.ranges(), m.sources()));
    }

    @Test
    void rangesRejectEmptyOrNonFiniteIntervals() {
        assertThrows(IllegalArgumentException.class, () -> Range.of(2, 2));
        assertThrows(IllegalArgumentException.class, () -> Range.of(3, 1));
        assertThrows(IllegalArgumentException.class, () -> Range.of(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Range.of(0, Double.POSITIVE_INFINITY));
        assertThat(Range.of(0, 10).contains(Double.NaN)).isFalse();
        assertThat(Range.of(0, 10).at(0.25)).isEqualTo(2.5);
    }

    @Test
    void parameterRangesMustDescribeValidParameters() {
        // Given a solids range reaching 100 wt% / When ranges are built / Then rejected
        assertThrows(IllegalArgumentException.class, () -> new ParameterRanges(Range.of(90, 96), Range.of(0.3, 0.6),
                Range.of(60, 100), Range.of(100, 300), Range.of(1, 10), Range.of(80, 140), Range.of(100, 1500)));
    }
}
