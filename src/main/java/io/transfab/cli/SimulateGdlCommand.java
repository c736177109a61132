package io.transfab.cli;

import io.transfab.data.AtomicOutput;
import io.transfab.data.CsvWriter;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.simulate.GdlFamily;
import io.transfab.simulate.GdlOptions;
import io.transfab.simulate.GdlSample;
import io.transfab.simulate.GdlSimulator;
import java.nio.file.Path;
import java.util.List;
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

    @Override
    public Integer call() throws Exception {
        io.transfab.simulate.Corruption corruption = corruptionOptions == null ? io.transfab.simulate.Corruption.none()
                : corruptionOptions.corruption();
        if (rows < 1) {
            throw DataException.option("--rows must be >= 1; got " + rows);
        }
        Path csv = out.toAbsolutePath();
        String stem = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        AtomicOutput.checkFile(csv, List.of());
        OutputTarget images = noImages ? null
                : output.directory(csv.getParent().resolve("images").resolve(stem), OutputKind.IMAGE_SET);
        GdlOptions options = new GdlOptions(noise, imageSize, GdlOptions.Clustering.fromCliName(clustering));
        GdlSimulator sim = GdlSimulator.of(GdlFamily.fromCliName(family), options);
        ProgressBar bar = common.progress();
        List<GdlSample> samples = sim.simulate(rows, common.seed, done -> bar.update("simulate gdl", done, rows));
        bar.finishLine();
        String prefix = null;
        if (!noImages) {
            // images first, so that a table never references images that are not there
            AtomicOutput.writeDirectory(images, dir -> GdlSimulator.writeImages(samples, dir));
            OutputOptions.printReplaced(images, System.out);
            prefix = "images/" + stem + "/";
        }
        Table t = CorruptionOptions.apply(corruption, sim.table(samples, prefix, common.seed), common.seed,
                System.out);
        CsvWriter.write(t, csv);
        System.out.printf("Simulated %d %s GDLs (%d columns)%s -> %s%n", rows, sim.family().cliName(),
                t.columnCount(), noImages ? "" : ", " + imageSize + "x" + imageSize + " images in images/" + stem,
                out);
        return 0;
    }
}
