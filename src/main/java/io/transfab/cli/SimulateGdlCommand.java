package io.transfab.cli;

import io.transfab.workflow.Cancellation;
import io.transfab.workflow.SimulateGdl;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simulate gdl}: random fibre microstructures of gas diffusion layers, their images and properties. */
@Command(name = "gdl", mixinStandardHelpOptions = true, description = "PEM fuel-cell gas diffusion layers: random "
        + "fibre microstructures, top-view images (PNG) and transport properties (see docs/simulator.md).")
final class SimulateGdlCommand implements Callable<Integer> {
    @Option(names = "--family", defaultValue = "paper", description = "paper, cloth or felt (default: "
            + "${DEFAULT-VALUE}).")
    String family;

    @Option(names = "--rows", defaultValue = "2000", description = "Samples to simulate (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--image-size", defaultValue = "64", paramLabel = "PX", description = "Edge of the square "
            + "images in pixels, 2 um each (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--clustering", defaultValue = "image", description = "Fibre bundling drawn per sample: image "
            + "(only visible in the image), column (also as column fibre_clustering) or none (default: "
            + "${DEFAULT-VALUE}).")
    String clustering;

    @Option(names = "--noise", defaultValue = "1", description = "Measurement-noise level in [0, 2] (default: "
            + "${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--no-images", description = "Write the table only (no image column, no PNG files).")
    boolean noImages;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "Output CSV; images go to "
            + "images/<csv name>/ beside it.")
    Path out;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Realistic corruption (docs/simulator.md):%n")
    CorruptionOptions corruptionOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    /** The options record of the use case; the corruption options and --rows are checked here. */
    SimulateGdl.Options options() {
        io.transfab.simulate.Corruption corruption = corruptionOptions == null ? io.transfab.simulate.Corruption.none()
                : corruptionOptions.corruption();
        return new SimulateGdl.Options(family, rows, imageSize, clustering, noise, noImages, out, corruption,
                output.force, common.seed);
    }

    @Override
    public Integer call() throws Exception {
        CliListener listener = common.listener();
        SimulateGdl.Result result = SimulateGdl.of(options()).run(listener, Cancellation.none());
        listener.finish();
        result.summary().forEach(System.out::println);
        return 0;
    }
}
