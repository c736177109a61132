package io.transfab.workflow;

import io.transfab.data.AtomicOutput;
import io.transfab.data.DataException;
import io.transfab.data.OutputKind;
import io.transfab.data.OutputTarget;
import io.transfab.data.Table;
import io.transfab.model.Progress;
import io.transfab.simulate.Corruption;
import io.transfab.simulate.GdlFamily;
import io.transfab.simulate.GdlOptions;
import io.transfab.simulate.GdlSample;
import io.transfab.simulate.GdlSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code simulate gdl}: random fibre microstructures of gas diffusion layers, their properties as a CSV and
 * their images in {@code images/<csv name>/} beside it.
 */
public final class SimulateGdl {
    private final Options options;

    private SimulateGdl(Options options) {
        this.options = options;
    }

    public static SimulateGdl of(Options options) {
        return new SimulateGdl(options);
    }

    /**
     * The options of {@code simulate gdl}.
     *
     * @param family     paper, cloth or felt
     * @param clustering image, column or none
     * @param force      replace a CSV or an image folder that transfab did not write
     */
    public record Options(String family, int rows, int imageSize, String clustering, double noise, boolean noImages,
            Path out, Corruption corruption, boolean force, long seed) {
        public Options {
            Objects.requireNonNull(family, "--family");
            Objects.requireNonNull(clustering, "--clustering");
            Objects.requireNonNull(out, "--out");
            corruption = corruption == null ? Corruption.none() : corruption;
            if (rows < 1) {
                throw DataException.option("--rows must be >= 1; got " + rows);
            }
        }
    }

    /** The written table and the summary the CLI prints (replaced image set, corruption drawn, what was written). */
    public record Result(Table table, List<String> summary) {
        public Result {
            summary = List.copyOf(summary);
        }
    }

    public Result run(JobListener listener, Cancellation cancellation) throws IOException {
        Options o = options;
        Path csv = o.out().toAbsolutePath();
        String stem = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        OutputTarget table = Outputs.file(csv, OutputKind.GDL_TABLE, o.force());
        OutputTarget images = o.noImages() ? null
                : Outputs.directory(csv.getParent().resolve("images").resolve(stem), OutputKind.IMAGE_SET, o.force());
        GdlOptions gdl = new GdlOptions(o.noise(), o.imageSize(), GdlOptions.Clustering.fromCliName(o.clustering()));
        GdlSimulator sim = GdlSimulator.of(GdlFamily.fromCliName(o.family()), gdl);
        Progress progress = cancellation.watching(listener);
        List<GdlSample> samples = sim.simulate(o.rows(), o.seed(),
                done -> progress.update("simulate gdl", done, o.rows()));
        cancellation.check();
        List<String> summary = new ArrayList<>();
        String prefix = null;
        if (!o.noImages()) {
            // images first, so that a table never references images that are not there
            AtomicOutput.writeDirectory(images, dir -> GdlSimulator.writeImages(samples, dir));
            summary.addAll(Outputs.replaced(images));
            prefix = "images/" + stem + "/";
        }
        Table t = Corruptions.apply(o.corruption(), sim.table(samples, prefix, o.seed()), o.seed(), summary::add);
        summary.addAll(Outputs.writeCsv(table, t));
        summary.add(String.format("Simulated %d %s GDLs (%d columns)%s -> %s", o.rows(), sim.family().cliName(),
                t.columnCount(), o.noImages() ? "" : ", " + o.imageSize() + "x" + o.imageSize() + " images in images/"
                        + stem, o.out()));
        return new Result(t, summary);
    }
}
