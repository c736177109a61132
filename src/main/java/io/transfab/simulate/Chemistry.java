package io.transfab.simulate;

import io.transfab.data.CliNamed;
import java.util.List;

/**
 * Electrode chemistries the simulator knows. They share the physics but differ in material
 * constants and process windows, so that one can serve as transfer-learning source for another
 * (e.g. NMP-based NMC cathodes, 60-75 wt% solids, versus water-based silicon-graphite anodes,
 * 40-55 wt% solids). Values and sources: docs/simulator.md.
 */
public enum Chemistry implements CliNamed {
    /** LiNi0.6Mn0.2Co0.2O2 (NMC622) cathode, carbon black, PVDF in NMP. */
    NMC("nmc", new MaterialConstants("LiNi0.6Mn0.2Co0.2O2 (NMC622)", 4.75, 175.0, "carbon black (Super C65)", 1.9,
            "PVDF", 1.78, Solvent.NMP, 1.0, 0.06, 2.5, 0.64, 0.48, 0.15, 650.0, 1.0, 0.5, 110.0, 0.03, 30.0, 0.01,
            new ParameterRanges(Range.of(90, 96), Range.of(0.35, 0.65), Range.of(60, 75), Range.of(100, 350),
                    Range.of(1, 10), Range.of(80, 140), Range.of(100, 1500)),
            List.of("Noh et al., J. Power Sources 233 (2013) 121 (NMC622 capacity)",
                    "Krieger & Dougherty, Trans. Soc. Rheol. 3 (1959) 137",
                    "Meyer et al., J. Mater. Process. Technol. 249 (2017) 172",
                    "Bruggeman, Ann. Phys. 416 (1935) 636; Ebner et al., Adv. Energy Mater. 3 (2013) 845",
                    "Jaiser et al., J. Power Sources 318 (2016) 210; Font et al., J. Power Sources 393 (2018) 177"))),
    /** Carbon-coated LiFePO4 cathode, carbon black, PVDF in NMP. */
    LFP("lfp", new MaterialConstants("carbon-coated LiFePO4", 3.6, 160.0, "carbon black (Super C65)", 1.9, "PVDF",
            1.78, Solvent.NMP, 1.0, 0.06, 3.0, 0.58, 0.55, 0.22, 500.0, 1.8, 0.53, 110.0, 0.05, 25.0, 1.0e-3,
            new ParameterRanges(Range.of(86, 94), Range.of(0.35, 0.6), Range.of(45, 60), Range.of(150, 400),
                    Range.of(1, 8), Range.of(80, 140), Range.of(100, 1200)),
            List.of("Padhi et al., J. Electrochem. Soc. 144 (1997) 1188 (LiFePO4)",
                    "Thorat et al., J. Power Sources 188 (2009) 592 (tortuosity of LiFePO4 electrodes)",
                    "Krieger & Dougherty, Trans. Soc. Rheol. 3 (1959) 137",
                    "Meyer et al., J. Mater. Process. Technol. 249 (2017) 172"))),
    /** Flake-like natural/synthetic graphite anode, little carbon black, CMC/SBR in water. */
    GRAPHITE("graphite", new MaterialConstants("graphite", 2.26, 355.0, "carbon black (Super C65)", 1.9,
            "CMC/SBR 1:1", 1.21, Solvent.WATER, 0.5, 0.035, 3.5, 0.55, 0.55, 0.22, 280.0, 1.0, 1.2, 75.0, 0.03, 12.0,
            80.0,
            new ParameterRanges(Range.of(93, 97), Range.of(0.1, 0.4), Range.of(42, 55), Range.of(100, 350),
                    Range.of(1, 10), Range.of(50, 110), Range.of(50, 800)),
            List.of("Winter et al., Adv. Mater. 10 (1998) 725 (graphite, LiC6 372 mAh/g)",
                    "Mueller, Llewellin & Mader, Proc. R. Soc. A 466 (2010) 1201 (non-spherical particles)",
                    "Meyer et al., J. Mater. Process. Technol. 249 (2017) 172",
                    "Ebner et al., Adv. Energy Mater. 4 (2014) 1301278 (tortuosity of graphite flakes)",
                    "Jaiser et al., J. Power Sources 318 (2016) 210 (binder migration in anodes)"))),
    /** Graphite with 10 wt% silicon in the active material, carbon black, CMC/SBR in water. */
    SILICON_GRAPHITE("si-graphite", new MaterialConstants("graphite + 10 wt% silicon", 2.27, 620.0,
            "carbon black (Super C65)", 1.9, "CMC/SBR 1:1", 1.21, Solvent.WATER, 0.5, 0.035, 3.8, 0.52, 0.56, 0.24,
            260.0, 1.0, 1.3, 70.0, 0.05, 18.0, 50.0,
            new ParameterRanges(Range.of(88, 94), Range.of(0.15, 0.4), Range.of(40, 55), Range.of(80, 250),
                    Range.of(0.5, 5), Range.of(50, 100), Range.of(50, 700)),
            List.of("Obrovac & Christensen, Electrochem. Solid-State Lett. 7 (2004) A93 (Li15Si4, 3579 mAh/g)",
                    "Winter et al., Adv. Mater. 10 (1998) 725 (graphite)",
                    "Mueller, Llewellin & Mader, Proc. R. Soc. A 466 (2010) 1201",
                    "Meyer et al., J. Mater. Process. Technol. 249 (2017) 172",
                    "Ebner et al., Adv. Energy Mater. 4 (2014) 1301278")));

    private final String cliName;
    private final MaterialConstants materials;

    Chemistry(String cliName, MaterialConstants materials) {
        this.cliName = cliName;
        this.materials = materials;
    }

    /** The name used on the command line: nmc, lfp, graphite, si-graphite. */
    @Override
    public String cliName() {
        return cliName;
    }

    /** The material constants, process window and sources of this chemistry. */
    public MaterialConstants materials() {
        return materials;
    }

    /** Shorthand for {@code materials().ranges()}. */
    public ParameterRanges ranges() {
        return materials.ranges();
    }

    /** The chemistry with this CLI name (case-insensitive, surrounding blanks ignored). */
    public static Chemistry fromCliName(String name) {
        return CliNamed.parse(Chemistry.class, name, "chemistry");
    }
}
