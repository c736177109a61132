package io.transfab.report;

import java.util.List;
import java.util.SplittableRandom;

/** A realistic report with every block and plot type, built from seeded synthetic data. */
final class SampleReports {
    private SampleReports() {
    }

    static HtmlReport demo(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 24;
        double[] measured = new double[n];
        double[] predicted = new double[n];
        double[] std = new double[n];
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            measured[i] = 2.2 + 0.8 * rnd.nextDouble();
            predicted[i] = measured[i] + 0.06 * gaussian(rnd);
            std[i] = i % 5 == 0 ? Double.NaN : 0.03 + 0.04 * rnd.nextDouble();
            residual[i] = measured[i] - predicted[i];
        }
        double[] sizes = {5, 10, 20, 40};
        List<CurveSeries> curves = List.of(
                CurveSeries.of("fine-tuned (transfer)", sizes, new double[] {0.071, 0.052, 0.041, 0.034},
                        new double[] {0.058, 0.045, 0.036, 0.031}, new double[] {0.090, 0.061, 0.047, 0.038}),
                CurveSeries.of("target only", sizes, new double[] {0.118, 0.083, 0.058, 0.043},
                        new double[] {0.092, 0.070, 0.050, 0.039}, new double[] {0.151, 0.101, 0.068, 0.049}),
                CurveSeries.of("source model, no fine-tuning", sizes, new double[] {0.095, 0.094, 0.095, 0.094}));
        List<String> features = List.of("calendering pressure", "binder fraction", "drying temperature",
                "coating speed", "solid content", "carbon black fraction");
        double[] imp = {0.42, 0.27, 0.12, 0.07, 0.05, -0.01};
        double[] lo = {0.35, 0.21, 0.08, 0.03, 0.01, -0.04};
        double[] hi = {0.50, 0.33, 0.16, 0.11, 0.09, 0.02};

        Svg parity = Plots.parity("Density: held-out predictions", "density [g/cm3]", measured, predicted, std);
        Svg resid = Plots.residuals("Density: residuals", "density [g/cm3]", predicted, residual);
        Svg lc = Plots.learningCurves("Learning curves (5 repeats)", "RMSE density [g/cm3]", curves);
        Svg bars = Plots.bars("Permutation importance", "increase in RMSE [g/cm3]", features, imp, lo, hi);
        Svg scatter = Plots.scatter("Porosity vs. pressure", "calendering pressure [MPa]", "porosity [%]",
                new double[] {10, 20, 30, 40, 50, 60, 70}, new double[] {48, 44, 41, 37, 35, 32, 31});

        return HtmlReport.of("Transfer learning report: cathode calendering",
                "Target: line B (24 experiments) · source: line A (1,850 experiments) · seed 42",
                List.of(
                        Block.Heading.of(1, "Summary"),
                        Block.Paragraph.of("The source model was fine-tuned on 24 target experiments. "
                                + "Errors are from 5-fold cross-validation on the target data; "
                                + "nothing here used the held-out rows for training."),
                        Block.KeyValues.of("source table", "line_a.csv (1,850 rows)", "target table",
                                "line_b.csv (24 rows)", "targets", "density [g/cm3], porosity [%]", "model",
                                "MLP ensemble (5 members), fine-tuned"),
                        Block.Note.warning("Only 24 target rows: intervals are wide; treat rankings of close"
                                + " models with care. Escaping check: <script>alert('x')</script> & co."),
                        Block.Heading.of(1, "Accuracy"),
                        Block.DataTable.of(List.of("model", "RMSE density [g/cm3]", "R²", "MAE porosity [%]"),
                                List.of(List.of("fine-tuned (transfer)", "0.034 ± 0.004", "0.93", "1.21"),
                                        List.of("target only", "0.043 ± 0.006", "0.88", "1.64"),
                                        List.of("source model, no fine-tuning", "0.094 ± 0.010", "0.41", "n/a")),
                                "Cross-validated errors on the target data (mean ± std over folds).",
                                List.of(Block.Best.NONE, Block.Best.MIN, Block.Best.MAX, Block.Best.MIN)),
                        Block.FigureGrid.of(
                                Block.Figure.of(parity, "Predicted against measured density; bars are ±1"
                                        + " predictive standard deviation, the dashed line is perfect prediction."),
                                Block.Figure.of(resid, "Residuals (measured − predicted) against the prediction.")),
                        Block.Heading.of(1, "How much target data is needed"),
                        Block.Figure.of(lc, "Median RMSE over 5 repeats; bands span the 10th to 90th percentile."),
                        Block.Note.info("Each additional doubling of the target data reduced the error by roughly"
                                + " a quarter for the fine-tuned model."),
                        Block.Heading.of(1, "What drives the prediction"),
                        Block.FigureGrid.of(
                                Block.Figure.of(bars, "Increase in RMSE when a feature is shuffled; whiskers:"
                                        + " range over 10 shuffles."),
                                Block.Figure.of(scatter, "Raw data: porosity against calendering pressure."))));
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller transform
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}
