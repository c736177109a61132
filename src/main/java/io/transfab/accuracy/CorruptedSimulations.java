package io.transfab.accuracy;

import io.transfab.data.Dataset;
import io.transfab.data.Schema;
import io.transfab.data.Table;
import io.transfab.model.Seeds;
import io.transfab.simulate.Chemistry;
import io.transfab.simulate.Corruption;
import io.transfab.simulate.ElectrodeParameters;
import io.transfab.simulate.ElectrodeSimulator;
import io.transfab.simulate.GdlFamily;
import io.transfab.simulate.GdlOptions;
import io.transfab.simulate.GdlParameters;
import io.transfab.simulate.GdlSimulator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The simulated tasks of the comparison: a clean simulated source and a target from another
 * chemistry or GDL family whose measured property carries the realistic corruption of
 * {@link Corruption}. The same corruption as {@code simulate electrode|gdl --corrupt ...} with the
 * options given in each description.
 */
public final class CorruptedSimulations {
    static final int SOURCE_ROWS = 500;
    static final int TARGET_ROWS = 300;
    static final int CLEAN_SOURCE_ROWS = 2000;
    static final String ELECTRODE_TARGET = "density_g_cm3";
    static final String GDL_TARGET = "el_conductivity_ip_s_m";

    /** Labs, lower SNR, heavy tails and gross outliers on the electrode's density. */
    static final Corruption ELECTRODE = new Corruption(List.of(ELECTRODE_TARGET), 0, 3, 0.3, 0.05, 3, 3, 0.2, 0.05, 4);
    /** A threshold response (lowest 30 % floored), lower SNR, heavy tails and outliers on the GDL's conductivity. */
    static final Corruption GDL = new Corruption(List.of(GDL_TARGET), 0.3, 0, 0, 0, 3, 3, 0.2, 0.05, 4);

    private CorruptedSimulations() {
    }

    static AccuracyTask electrode(long seed) {
        return electrode("electrode-corrupted", SOURCE_ROWS, t -> ELECTRODE.apply(t, Seeds.derive(seed,
                "sim-corruption")).table(), "simulated electrodes: source = " + SOURCE_ROWS + " clean NMC rows, "
                + "target = " + TARGET_ROWS + " Si-graphite rows whose density carries 3 labs (offset SD 0.3 SD,"
                + " scale SD 0.05), SNR 3, Student-t(3) noise of scale 0.2 SD and 5 % outliers of 4 SD ("
                + "--corrupt density_g_cm3 --lab-effects 3:0.3:0.05 --snr 3 --heavy-tails 3:0.2 --outliers 0.05:4); "
                + "7 process parameters -> density", seed);
    }

    /**
     * The uncorrupted electrode benchmark the simulators were built for: {@value #CLEAN_SOURCE_ROWS} NMC source
     * rows (as {@code transfab demo} and {@code bench}), {@value #TARGET_ROWS} clean Si-graphite target rows.
     * A default kept for the real tables must not lose this.
     */
    static AccuracyTask electrodeClean(long seed) {
        return electrode("electrode-clean", CLEAN_SOURCE_ROWS, t -> t, "simulated electrodes without corruption: "
                + "source = " + CLEAN_SOURCE_ROWS + " NMC rows, target = " + TARGET_ROWS + " Si-graphite rows; 7 "
                + "process parameters -> density", seed);
    }

    /** NMC source rows to {@value #TARGET_ROWS} Si-graphite target rows passed through {@code target}, density. */
    private static AccuracyTask electrode(String name, int sourceRows, UnaryOperator<Table> target, String description,
            long seed) {
        Table source = ElectrodeSimulator.of(Chemistry.NMC).simulate(sourceRows, Seeds.derive(seed, "sim-source"));
        Table t = target.apply(ElectrodeSimulator.of(Chemistry.fromCliName("si-graphite")).simulate(TARGET_ROWS,
                Seeds.derive(seed, "sim-target")));
        Schema schema = Schema.infer(t, ElectrodeParameters.names(), List.of(ELECTRODE_TARGET), List.of());
        return new AccuracyTask(name, description, Dataset.of(source, schema), Dataset.of(t, schema), List.of(),
                AccuracyTasks.SIZES, 0);
    }

    static AccuracyTask gdl(long seed) {
        GdlOptions options = GdlOptions.defaults();
        GdlSimulator paper = GdlSimulator.of(GdlFamily.CARBON_PAPER, options);
        GdlSimulator felt = GdlSimulator.of(GdlFamily.FELT, options);
        long s1 = Seeds.derive(seed, "sim-source");
        long s2 = Seeds.derive(seed, "sim-target");
        Table source = paper.table(paper.simulate(SOURCE_ROWS, s1, i -> { }), null, s1);
        Table target = GDL.apply(felt.table(felt.simulate(TARGET_ROWS, s2, i -> { }), null, s2),
                Seeds.derive(seed, "sim-corruption")).table();
        Schema schema = Schema.infer(target, GdlParameters.names(), List.of(GDL_TARGET), List.of());
        return new AccuracyTask("gdl-corrupted", "simulated GDLs: source = " + SOURCE_ROWS + " clean paper rows, "
                + "target = " + TARGET_ROWS + " felt rows whose in-plane conductivity has a threshold (values below "
                + "the 30 % quantile read it), SNR 3, Student-t(3) noise of scale 0.2 SD and 5 % outliers of 4 SD "
                + "(--corrupt el_conductivity_ip_s_m --threshold 0.3 --snr 3 --heavy-tails 3:0.2 --outliers 0.05:4); "
                + "8 parameters -> conductivity", Dataset.of(source, schema), Dataset.of(target, schema), List.of(),
                AccuracyTasks.SIZES, 0);
    }
}
