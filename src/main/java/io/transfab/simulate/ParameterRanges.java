package io.transfab.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Typical manufacturing-parameter ranges of one chemistry, in the column order of
 * {@link ElectrodeParameters#names()}. The simulator samples inside them and, by default,
 * rejects evaluations outside them.
 */
public record ParameterRanges(Range amWtPct, Range cbBinderRatio, Range solidContentWtPct, Range commaGapUm,
        Range coatingSpeedMMin, Range dryingTempC, Range calenderLineLoadNMm) {
    public ParameterRanges {
        Objects.requireNonNull(amWtPct, "amWtPct");
        Objects.requireNonNull(cbBinderRatio, "cbBinderRatio");
        Objects.requireNonNull(solidContentWtPct, "solidContentWtPct");
        Objects.requireNonNull(commaGapUm, "commaGapUm");
        Objects.requireNonNull(coatingSpeedMMin, "coatingSpeedMMin");
        Objects.requireNonNull(dryingTempC, "dryingTempC");
        Objects.requireNonNull(calenderLineLoadNMm, "calenderLineLoadNMm");
        // every range must itself describe valid parameters, so that sampling cannot fail
        new ElectrodeParameters(amWtPct.min(), cbBinderRatio.min(), solidContentWtPct.min(), commaGapUm.min(),
                coatingSpeedMMin.min(), dryingTempC.min(), calenderLineLoadNMm.min());
        new ElectrodeParameters(amWtPct.max(), cbBinderRatio.max(), solidContentWtPct.max(), commaGapUm.max(),
                coatingSpeedMMin.max(), dryingTempC.max(), calenderLineLoadNMm.max());
    }

    /** The ranges in the order of {@link ElectrodeParameters#names()}. */
    public List<Range> asList() {
        return List.of(amWtPct, cbBinderRatio, solidContentWtPct, commaGapUm, coatingSpeedMMin, dryingTempC,
                calenderLineLoadNMm);
    }

    /** The range of the parameter at position {@code index} of {@link ElectrodeParameters#names()}. */
    public Range get(int index) {
        return asList().get(index);
    }

    /** Whether every parameter lies in its range. */
    public boolean contains(ElectrodeParameters p) {
        return violations(p).isEmpty();
    }

    /** One readable line per parameter outside its range, e.g. {@code comma_gap_um = 400 not in [100, 350]}. */
    public List<String> violations(ElectrodeParameters p) {
        double[] v = p.toArray();
        List<Range> ranges = asList();
        List<String> names = ElectrodeParameters.names();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (!ranges.get(i).contains(v[i])) {
                out.add(names.get(i) + " = " + v[i] + " not in " + ranges.get(i));
            }
        }
        return out;
    }
}
