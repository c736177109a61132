package io.transfab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The figures of a transfab report, each rendered to a self-contained inline SVG of about 480x400
 * px in one consistent, colour-blind-friendly style. Non-finite data points are left out of a plot
 * (never fail it); inputs of mismatched lengths are rejected with IllegalArgumentException.
 */
public final class Plots {
    static {
        // Reports are written by the CLI, often on machines without a display.
        System.setProperty("java.awt.headless", "true");
        // Draw rotated axis labels as SVG text, not glyph outlines: smaller, selectable, searchable.
        // (The workaround targets raster bugs of old JDKs; this JVM-wide switch only affects JFreeChart.)
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*\\[([^\\[\\]]+)]\\s*$");
    private static final Shape DOT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);

    private Plots() {
    }

    /**
     * Parity plot: predicted against measured values with the y = x line of perfect prediction,
     * equal axis ranges and a square plotting area, and R2, RMSE and n printed in the corner.
     *
     * @param quantityLabel the quantity with its unit in brackets, e.g. {@code "density [g/cm3]"}
     * @param std           predictive standard deviations, or null; finite ones are drawn as +-1 std bars
     */
    public static Svg parity(String title, String quantityLabel, double[] measured, double[] predicted,
            double[] std) {
        title = clean(title, "title");
        quantityLabel = clean(quantityLabel, "quantityLabel");
        requireSameLength("measured", measured, "predicted", predicted);
        if (std != null) {
            requireSameLength("measured", measured, "std", std);
        }
        FitStats stats = FitStats.of(measured, predicted);
        boolean anyBar = false;
        for (int i = 0; std != null && i < std.length; i++) {
            anyBar |= hasBar(measured[i], predicted[i], std[i]);
        }
        XYSeries points = new XYSeries(anyBar ? "prediction ± 1 std" : "prediction", false, true);
        YIntervalSeries bars = new YIntervalSeries("± 1 std", false, true);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < measured.length; i++) {
            double m = measured[i];
            double p = predicted[i];
            if (!Double.isFinite(m) || !Double.isFinite(p)) {
                continue;
            }
            points.add(m, p);
            lo = Math.min(lo, Math.min(m, p));
            hi = Math.max(hi, Math.max(m, p));
            if (std != null && hasBar(m, p, std[i])) {
                bars.add(m, p, p - std[i], p + std[i]);
                lo = Math.min(lo, p - std[i]);
                hi = Math.max(hi, p + std[i]);
            }
        }
        double[] range = padded(lo, hi, 0.06);

        NumberAxis xAxis = ChartStyle.numberAxis("measured " + quantityLabel);
        NumberAxis yAxis = ChartStyle.numberAxis("predicted " + quantityLabel);
        xAxis.setRange(range[0], range[1]);
        yAxis.setRange(range[0], range[1]);

        XYPlot plot = new XYPlot(new XYSeriesCollection(points), xAxis, yAxis, pointRenderer(ChartStyle.BLUE));
        ChartStyle.style(plot);
        if (anyBar) {
            XYErrorRenderer errors = new XYErrorRenderer();
            errors.setDefaultLinesVisible(false);
            errors.setDefaultShapesVisible(false);
            errors.setDrawXError(false);
            errors.setErrorPaint(new Color(0x0072B2 | 0x8C000000, true));
            errors.setErrorStroke(new BasicStroke(1.2f));
            errors.setCapLength(5);
            errors.setSeriesVisibleInLegend(0, false);
            YIntervalSeriesCollection barData = new YIntervalSeriesCollection();
            barData.addSeries(bars);
            plot.setDataset(1, barData);
            plot.setRenderer(1, errors);
        }
        XYSeries diagonal = new XYSeries("y = x (perfect prediction)", false, true);
        diagonal.add(range[0], range[0]);
        diagonal.add(range[1], range[1]);
        plot.setDataset(2, new XYSeriesCollection(diagonal));
        plot.setRenderer(2, referenceLineRenderer());
        // default DatasetRenderingOrder.REVERSE: diagonal first, then error bars, points on top

        String unit = unitOf(quantityLabel);
        String text = "R² = " + Fmt.fixed(stats.r2(), 3) + "\nRMSE = " + Fmt.sig(stats.rmse(), 3)
                + (unit.isEmpty() ? "" : " " + unit) + "\nn = " + stats.n()
                + (stats.omitted() > 0 ? " (" + stats.omitted() + " non-finite left out)" : "");
        plot.addAnnotation(statsBox(text));

        JFreeChart chart = ChartStyle.chart(title, plot, true);
        squareDataArea(chart, plot);
        sameTickUnit(chart, xAxis, yAxis);
        return ChartStyle.toSvg(chart, ChartStyle.WIDTH, ChartStyle.HEIGHT, title);
    }

    /**
     * Residuals against predicted values with a zero line; a symmetric vertical range makes a bias
     * visible at a glance. The residual convention (usually measured - predicted) is the caller's.
     */
    public static Svg residuals(String title, String quantityLabel, double[] predicted, double[] residual) {
        title = clean(title, "title");
        quantityLabel = clean(quantityLabel, "quantityLabel");
        requireSameLength("predicted", predicted, "residual", residual);
        XYSeries points = new XYSeries("residual", false, true);
        double maxAbs = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (Double.isFinite(predicted[i]) && Double.isFinite(residual[i])) {
                points.add(predicted[i], residual[i]);
                maxAbs = Math.max(maxAbs, Math.abs(residual[i]));
            }
        }
        NumberAxis xAxis = ChartStyle.numberAxis("predicted " + quantityLabel);
        NumberAxis yAxis = ChartStyle.numberAxis(residualLabel(quantityLabel));
        double half = maxAbs > 0 ? maxAbs * 1.12 : 1.0;
        yAxis.setRange(-half, half);
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), xAxis, yAxis, pointRenderer(ChartStyle.BLUE));
        ChartStyle.style(plot);
        plot.addRangeMarker(new ValueMarker(0.0, ChartStyle.REFERENCE, ChartStyle.DASHED));
        return ChartStyle.toSvg(ChartStyle.chart(title, plot, false), ChartStyle.WIDTH, ChartStyle.HEIGHT, title);
    }

    /**
     * Learning curves: score against the number of target rows, one line with a shaded interval
     * band per series. The x axis is logarithmic with ticks at the data sizes when all sizes are
     * positive and span at least a factor of 4 (doublings such as 5, 10, 20, 40 are then evenly
     * spaced), linear otherwise.
     */
    public static Svg learningCurves(String title, String yLabel, List<CurveSeries> series) {
        title = clean(title, "title");
        yLabel = clean(yLabel, "yLabel");
        Objects.requireNonNull(series, "series");
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        TreeSet<Double> xs = new TreeSet<>();
        Set<String> names = new HashSet<>();
        for (CurveSeries c : series) {
            Objects.requireNonNull(c, "series element");
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("duplicate curve name: " + c.name());
            }
            YIntervalSeries s = new YIntervalSeries(clean(c.name(), "curve name"), false, true);
            double[] x = c.x();
            double[] med = c.median();
            double[] lo = c.lower();
            double[] up = c.upper();
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(med[i])) {
                    continue;
                }
                boolean band = Double.isFinite(lo[i]) && Double.isFinite(up[i]);
                s.add(x[i], med[i], band ? Math.min(lo[i], med[i]) : med[i], band ? Math.max(up[i], med[i]) : med[i]);
                xs.add(x[i]);
            }
            data.addSeries(s);
        }
        boolean log = !xs.isEmpty() && xs.first() > 0 && xs.last() / xs.first() >= 4.0;
        ValueAxis xAxis;
        if (log) {
            double[] ticks = xs.stream().mapToDouble(Double::doubleValue).toArray();
            if (ticks.length > 12) {
                ticks = thin(ticks, 12);
            }
            DataTickLogAxis axis = new DataTickLogAxis("number of target rows (log scale)", ticks);
            axis.setRange(xs.first() / 1.15, xs.last() * 1.15);
            ChartStyle.style(axis);
            xAxis = axis;
        } else {
            NumberAxis axis = ChartStyle.numberAxis("number of target rows");
            if (xs.stream().allMatch(v -> v == Math.rint(v))) {
                axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            }
            xAxis = axis;
        }
        NumberAxis yAxis = ChartStyle.numberAxis(yLabel);
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        renderer.setAlpha(0.18f);
        for (int i = 0; i < series.size(); i++) {
            Color c = ChartStyle.color(i);
            renderer.setSeriesPaint(i, c);
            renderer.setSeriesFillPaint(i, c);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        ChartStyle.style(plot);
        return ChartStyle.toSvg(ChartStyle.chart(title, plot, !series.isEmpty()), ChartStyle.WIDTH,
                ChartStyle.HEIGHT, title);
    }

    /**
     * Horizontal bars, top to bottom in the given order, with optional interval whiskers (e.g.
     * feature importances with their spread). The figure grows taller beyond about 10 bars.
     *
     * @param lower lower interval ends or null; given together with {@code upper}
     * @param upper upper interval ends or null
     */
    public static Svg bars(String title, String valueLabel, List<String> labels, double[] values, double[] lower,
            double[] upper) {
        title = clean(title, "title");
        valueLabel = clean(valueLabel, "valueLabel");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(values, "values");
        if (labels.size() != values.length) {
            throw new IllegalArgumentException("labels has " + labels.size() + " entries, values has " + values.length);
        }
        if ((lower == null) != (upper == null)) {
            throw new IllegalArgumentException("lower and upper must be given together or both be null");
        }
        if (lower != null) {
            requireSameLength("values", values, "lower", lower);
            requireSameLength("values", values, "upper", upper);
        }
        int n = values.length;
        double[] lo = new double[n];
        double[] up = new double[n];
        Arrays.fill(lo, Double.NaN);
        Arrays.fill(up, Double.NaN);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<String> seen = new HashSet<>();
        double min = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            String label = clean(labels.get(i), "label");
            if (!seen.add(label)) {
                throw new IllegalArgumentException("duplicate bar label: " + label);
            }
            boolean finite = Double.isFinite(values[i]);
            data.addValue(finite ? Double.valueOf(values[i]) : null, "value", label);
            if (finite) {
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            if (lower != null && Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                lo[i] = lower[i];
                up[i] = upper[i];
                min = Math.min(min, Math.min(lower[i], upper[i]));
                max = Math.max(max, Math.max(lower[i], upper[i]));
            }
        }
        CategoryAxis catAxis = new CategoryAxis(null);
        ChartStyle.style(catAxis);
        catAxis.setMaximumCategoryLabelWidthRatio(0.4f);
        catAxis.setCategoryMargin(0.3);
        catAxis.setLowerMargin(0.03);
        catAxis.setUpperMargin(0.03);
        catAxis.setTickMarksVisible(false);
        NumberAxis valueAxis = ChartStyle.numberAxis(valueLabel);
        double[] range = padded(min, max, 0.05);
        // keep zero as the visible base of the bars
        if (min == 0 && max == 0) {
            valueAxis.setRange(0, 1);
        } else {
            valueAxis.setRange(min >= 0 ? 0 : range[0], max <= 0 ? 0 : range[1]);
        }
        WhiskerBarRenderer renderer = new WhiskerBarRenderer(lo, up);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, ChartStyle.BLUE);
        renderer.setMaximumBarWidth(0.09);
        CategoryPlot plot = new CategoryPlot(data, catAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        ChartStyle.style(plot);
        plot.addRangeMarker(new ValueMarker(0.0, ChartStyle.AXIS, new BasicStroke(1.0f)));
        int height = Math.max(ChartStyle.HEIGHT, Math.min(1400, 130 + 26 * n));
        return ChartStyle.toSvg(ChartStyle.chart(title, plot, false), ChartStyle.WIDTH, height, title);
    }

    /** A plain scatter plot of {@code y} against {@code x}. */
    public static Svg scatter(String title, String xLabel, String yLabel, double[] x, double[] y) {
        title = clean(title, "title");
        xLabel = clean(xLabel, "xLabel");
        yLabel = clean(yLabel, "yLabel");
        requireSameLength("x", x, "y", y);
        XYSeries points = new XYSeries("points", false, true);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                points.add(x[i], y[i]);
            }
        }
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), ChartStyle.numberAxis(xLabel),
                ChartStyle.numberAxis(yLabel), pointRenderer(ChartStyle.BLUE));
        ChartStyle.style(plot);
        return ChartStyle.toSvg(ChartStyle.chart(title, plot, false), ChartStyle.WIDTH, ChartStyle.HEIGHT, title);
    }

    /**
     * SHAP summary (beeswarm) plot: one row per parameter, top to bottom in the given order, a dot
     * per explained experiment at its Shapley value, stacked where dots crowd, and coloured from
     * blue (low parameter value) to vermillion (high) in five bins of the parameter's range.
     *
     * @param values rows x parameters Shapley values
     * @param colour rows x parameters values in [0, 1] (NaN: grey), e.g. the parameter min-max scaled
     */
    public static Svg beeswarm(String title, String valueLabel, List<String> labels, double[][] values,
            double[][] colour) {
        title = clean(title, "title");
        valueLabel = clean(valueLabel, "valueLabel");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(colour, "colour");
        if (values.length != colour.length) {
            throw new IllegalArgumentException("values has " + values.length + " rows, colour has " + colour.length);
        }
        int p = labels.size();
        String[] bins = {"lowest fifth", "low", "middle", "high", "highest fifth", "no value"};
        Color[] paints = {ChartStyle.BLUE, ChartStyle.SKY, new Color(0x999999), ChartStyle.ORANGE,
            ChartStyle.VERMILLION, new Color(0xCCCCCC)};
        XYSeries[] series = new XYSeries[bins.length];
        for (int b = 0; b < bins.length; b++) {
            series[b] = new XYSeries("parameter value: " + bins[b], false, true);
        }
        double maxAbs = 0;
        for (double[] r : values) {
            if (r.length != p) {
                throw new IllegalArgumentException("every row needs " + p + " values, got " + r.length);
            }
            for (double v : r) {
                if (Double.isFinite(v)) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                }
            }
        }
        double binWidth = maxAbs > 0 ? maxAbs / 40 : 1;
        for (int j = 0; j < p; j++) {
            double yBase = p - 1 - j;
            java.util.Map<Long, Integer> crowd = new java.util.HashMap<>();
            int rowsHere = 0;
            for (double[] r : values) {
                rowsHere += Double.isFinite(r[j]) ? 1 : 0;
            }
            double step = Math.min(0.04, 0.4 / Math.max(1, Math.sqrt(rowsHere)));
            for (int i = 0; i < values.length; i++) {
                double v = values[i][j];
                if (!Double.isFinite(v)) {
                    continue;
                }
                long key = Math.round(v / binWidth);
                int k = crowd.merge(key, 1, Integer::sum) - 1;
                // alternate above and below the parameter's line: 0, +1, -1, +2, -2, ...
                double offset = Math.min(0.42, step * ((k + 1) / 2)) * (k % 2 == 1 ? 1 : -1);
                double c = colour[i].length > j ? colour[i][j] : Double.NaN;
                int b = Double.isFinite(c) ? (int) Math.min(4, Math.max(0, Math.floor(c * 5))) : 5;
                series[b].add(v, yBase + offset);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        int s = 0;
        for (int b = 0; b < bins.length; b++) {
            if (series[b].getItemCount() == 0) {
                continue;
            }
            data.addSeries(series[b]);
            r.setSeriesPaint(s, new Color(paints[b].getRGB() & 0xFFFFFF | 0xC0000000, true));
            r.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            s++;
        }
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[p - 1 - j] = clean(labels.get(j), "label");
        }
        org.jfree.chart.axis.SymbolAxis yAxis = new org.jfree.chart.axis.SymbolAxis(null, names);
        ChartStyle.style(yAxis);
        yAxis.setGridBandsVisible(false);
        yAxis.setRange(-0.6, p - 0.4);
        NumberAxis xAxis = ChartStyle.numberAxis(valueLabel);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        ChartStyle.style(plot);
        plot.addDomainMarker(new ValueMarker(0.0, ChartStyle.REFERENCE, new BasicStroke(1.0f)));
        int height = Math.max(ChartStyle.HEIGHT, Math.min(1400, 160 + 40 * p));
        return ChartStyle.toSvg(ChartStyle.chart(title, plot, true), ChartStyle.WIDTH, height, title);
    }

    /**
     * Waterfall plot of one prediction: from the base value (mean prediction over the background)
     * each parameter's Shapley value is added as a bar, in the given order, ending at the
     * prediction. Increases are vermillion, decreases blue; dashed lines mark base and prediction.
     */
    public static Svg waterfall(String title, String valueLabel, List<String> labels, double[] contributions,
            double base, double prediction) {
        title = clean(title, "title");
        valueLabel = clean(valueLabel, "valueLabel");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(contributions, "contributions");
        if (labels.size() != contributions.length) {
            throw new IllegalArgumentException("labels has " + labels.size() + " entries, contributions has "
                    + contributions.length);
        }
        int p = contributions.length;
        org.jfree.data.xy.XYIntervalSeries up = new org.jfree.data.xy.XYIntervalSeries("increases the prediction");
        org.jfree.data.xy.XYIntervalSeries down = new org.jfree.data.xy.XYIntervalSeries("decreases the prediction");
        double level = base;
        double lo = Math.min(base, prediction);
        double hi = Math.max(base, prediction);
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            double c = Double.isFinite(contributions[j]) ? contributions[j] : 0;
            double pos = p - 1 - j;
            double next = level + c;
            (c >= 0 ? up : down).add(pos, pos - 0.35, pos + 0.35, next, Math.min(level, next), Math.max(level, next));
            lo = Math.min(lo, Math.min(level, next));
            hi = Math.max(hi, Math.max(level, next));
            level = next;
            names[p - 1 - j] = clean(labels.get(j), "label");
        }
        org.jfree.data.xy.XYIntervalSeriesCollection data = new org.jfree.data.xy.XYIntervalSeriesCollection();
        data.addSeries(up);
        data.addSeries(down);
        org.jfree.chart.renderer.xy.XYBarRenderer r = new org.jfree.chart.renderer.xy.XYBarRenderer();
        r.setUseYInterval(true);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setSeriesPaint(0, ChartStyle.VERMILLION);
        r.setSeriesPaint(1, ChartStyle.BLUE);
        org.jfree.chart.axis.SymbolAxis cat = new org.jfree.chart.axis.SymbolAxis(null, names);
        ChartStyle.style(cat);
        cat.setGridBandsVisible(false);
        cat.setRange(-0.6, p - 0.4);
        NumberAxis value = ChartStyle.numberAxis(valueLabel);
        double[] range = padded(lo, hi, 0.08);
        value.setRange(range[0], range[1]);
        XYPlot plot = new XYPlot(data, cat, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        ChartStyle.style(plot);
        ValueMarker baseLine = new ValueMarker(base, ChartStyle.REFERENCE, ChartStyle.DASHED);
        baseLine.setLabel("base " + Fmt.sig(base, 4));
        baseLine.setLabelFont(ChartStyle.SMALL_FONT);
        baseLine.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        baseLine.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
        ValueMarker predLine = new ValueMarker(prediction, ChartStyle.TEXT, ChartStyle.DASHED);
        predLine.setLabel("prediction " + Fmt.sig(prediction, 4));
        predLine.setLabelFont(ChartStyle.SMALL_FONT);
        predLine.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        predLine.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        plot.addRangeMarker(baseLine);
        plot.addRangeMarker(predLine);
        int height = Math.max(ChartStyle.HEIGHT, Math.min(1400, 160 + 30 * p));
        return ChartStyle.toSvg(ChartStyle.chart(title, plot, true), ChartStyle.WIDTH, height, title);
    }

    /**
     * Partial dependence with ICE curves: each row's prediction along the grid as a thin grey
     * line, their mean as a thick blue line.
     *
     * @param ice curves x grid points (may be empty)
     * @param pd  the partial dependence, one value per grid point
     */
    public static Svg dependence(String title, String xLabel, String yLabel, double[] grid, double[][] ice,
            double[] pd) {
        title = clean(title, "title");
        xLabel = clean(xLabel, "xLabel");
        yLabel = clean(yLabel, "yLabel");
        requireSameLength("grid", grid, "pd", pd);
        Objects.requireNonNull(ice, "ice");
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries mean = new XYSeries("partial dependence (mean)", false, true);
        for (int g = 0; g < grid.length; g++) {
            if (Double.isFinite(grid[g]) && Double.isFinite(pd[g])) {
                mean.add(grid[g], pd[g]);
            }
        }
        data.addSeries(mean);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.BLUE);
        r.setSeriesStroke(0, new BasicStroke(3.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Color thin = new Color(0x55555540, true);
        for (int i = 0; i < ice.length; i++) {
            requireSameLength("grid", grid, "ice curve", ice[i]);
            XYSeries s = new XYSeries(i == 0 ? "single experiments (ICE)" : "ice " + i, false, true);
            for (int g = 0; g < grid.length; g++) {
                if (Double.isFinite(grid[g]) && Double.isFinite(ice[i][g])) {
                    s.add(grid[g], ice[i][g]);
                }
            }
            data.addSeries(s);
            r.setSeriesPaint(i + 1, thin);
            r.setSeriesStroke(i + 1, new BasicStroke(1.0f));
            r.setSeriesVisibleInLegend(i + 1, i == 0);
        }
        XYPlot plot = new XYPlot(data, ChartStyle.numberAxis(xLabel), ChartStyle.numberAxis(yLabel), r);
        ChartStyle.style(plot);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.REVERSE);
        return ChartStyle.toSvg(ChartStyle.chart(title, plot, true), ChartStyle.WIDTH, ChartStyle.HEIGHT, title);
    }

    /**
     * Heatmap of z over an evenly spaced grid (e.g. two-way partial dependence): cell (i, j) at
     * (x[i], y[j]) coloured on a blue-white-vermillion scale from min to max of z, with a colour bar.
     */
    public static Svg heatmap(String title, String xLabel, String yLabel, String zLabel, double[] x, double[] y,
            double[][] z) {
        title = clean(title, "title");
        xLabel = clean(xLabel, "xLabel");
        yLabel = clean(yLabel, "yLabel");
        zLabel = clean(zLabel, "zLabel");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
        if (z.length != x.length) {
            throw new IllegalArgumentException("z has " + z.length + " rows, x has " + x.length + " values");
        }
        org.jfree.data.xy.DefaultXYZDataset data = new org.jfree.data.xy.DefaultXYZDataset();
        int n = x.length * y.length;
        double[][] cells = new double[3][n];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (z[i].length != y.length) {
                throw new IllegalArgumentException("z row " + i + " has " + z[i].length + " values, y has " + y.length);
            }
            for (int j = 0; j < y.length; j++) {
                cells[0][k] = x[i];
                cells[1][k] = y[j];
                cells[2][k] = z[i][j];
                if (Double.isFinite(z[i][j])) {
                    lo = Math.min(lo, z[i][j]);
                    hi = Math.max(hi, z[i][j]);
                }
                k++;
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            double d = lo == 0 ? 1 : Math.abs(lo) * 1e-6;
            lo -= d;
            hi += d;
        }
        data.addSeries("z", cells);
        final double zLo = lo;
        final double zHi = hi;
        org.jfree.chart.renderer.PaintScale scale = new org.jfree.chart.renderer.PaintScale() {
            @Override
            public double getLowerBound() {
                return zLo;
            }

            @Override
            public double getUpperBound() {
                return zHi;
            }

            @Override
            public java.awt.Paint getPaint(double value) {
                if (!Double.isFinite(value)) {
                    return Color.WHITE;
                }
                double f = Math.max(0, Math.min(1, (value - zLo) / (zHi - zLo)));
                return f < 0.5 ? mix(ChartStyle.BLUE, Color.WHITE, f * 2) : mix(Color.WHITE, ChartStyle.VERMILLION,
                        (f - 0.5) * 2);
            }
        };
        org.jfree.chart.renderer.xy.XYBlockRenderer r = new org.jfree.chart.renderer.xy.XYBlockRenderer();
        r.setBlockWidth(spacing(x));
        r.setBlockHeight(spacing(y));
        r.setPaintScale(scale);
        NumberAxis xAxis = ChartStyle.numberAxis(xLabel);
        NumberAxis yAxis = ChartStyle.numberAxis(yLabel);
        xAxis.setRange(min(x) - spacing(x) / 2, max(x) + spacing(x) / 2);
        yAxis.setRange(min(y) - spacing(y) / 2, max(y) + spacing(y) / 2);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        ChartStyle.style(plot);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = ChartStyle.chart(title, plot, false);
        NumberAxis zAxis = ChartStyle.numberAxis(zLabel);
        zAxis.setRange(lo, hi);
        org.jfree.chart.title.PaintScaleLegend legend = new org.jfree.chart.title.PaintScaleLegend(scale, zAxis);
        legend.setPosition(org.jfree.chart.ui.RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(4, 10, 4, 4));
        legend.setStripWidth(12);
        legend.setSubdivisionCount(64);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return ChartStyle.toSvg(chart, ChartStyle.WIDTH + 60, ChartStyle.HEIGHT, title);
    }

    private static Color mix(Color a, Color b, double f) {
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static double spacing(double[] v) {
        return v.length < 2 || max(v) == min(v) ? 1.0 : (max(v) - min(v)) / (v.length - 1);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return v.length == 0 ? 0 : m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return v.length == 0 ? 1 : m;
    }

    /** The unit inside the trailing brackets of a label ("density [g/cm3]" gives "g/cm3"), else "". */
    static String unitOf(String label) {
        Matcher m = UNIT.matcher(label);
        return m.matches() ? m.group(2).strip() : "";
    }

    /** "density [g/cm3]" becomes "density residual [g/cm3]". */
    static String residualLabel(String quantityLabel) {
        Matcher m = UNIT.matcher(quantityLabel);
        return m.matches() ? m.group(1) + " residual [" + m.group(2) + "]" : quantityLabel + " residual";
    }

    private static boolean hasBar(double measured, double predicted, double std) {
        return Double.isFinite(measured) && Double.isFinite(predicted) && Double.isFinite(std) && std >= 0;
    }

    private static XYLineAndShapeRenderer pointRenderer(Color color) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, new Color(color.getRGB() & 0xFFFFFF | 0xD9000000, true));
        r.setSeriesShape(0, DOT);
        r.setUseOutlinePaint(true);
        r.setSeriesOutlinePaint(0, Color.WHITE);
        r.setSeriesOutlineStroke(0, new BasicStroke(0.8f));
        r.setDrawOutlines(true);
        return r;
    }

    private static XYLineAndShapeRenderer referenceLineRenderer() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, ChartStyle.REFERENCE);
        r.setSeriesStroke(0, ChartStyle.DASHED);
        return r;
    }

    private static XYTitleAnnotation statsBox(String text) {
        TextTitle box = new TextTitle(text, ChartStyle.SMALL_FONT);
        box.setPaint(ChartStyle.TEXT);
        box.setTextAlignment(HorizontalAlignment.LEFT);
        box.setBackgroundPaint(new Color(255, 255, 255, 230));
        box.setFrame(new BlockBorder(ChartStyle.GRID));
        box.setPadding(new RectangleInsets(4, 6, 4, 6));
        return new XYTitleAnnotation(0.025, 0.975, box, RectangleAnchor.TOP_LEFT);
    }

    /** Widens the plot insets so that the data area is square and y = x runs at 45 degrees. */
    private static void squareDataArea(JFreeChart chart, XYPlot plot) {
        Rectangle2D area = ChartStyle.dataArea(chart, ChartStyle.WIDTH, ChartStyle.HEIGHT);
        double d = area.getWidth() - area.getHeight();
        RectangleInsets in = plot.getInsets();
        if (d > 1) {
            plot.setInsets(new RectangleInsets(in.getTop(), in.getLeft() + d / 2, in.getBottom(), in.getRight() + d / 2));
        } else if (d < -1) {
            plot.setInsets(new RectangleInsets(in.getTop() - d / 2, in.getLeft(), in.getBottom() - d / 2, in.getRight()));
        }
    }

    /** Gives both axes of a parity plot the coarser of their automatic tick units, for identical scales. */
    private static void sameTickUnit(JFreeChart chart, NumberAxis xAxis, NumberAxis yAxis) {
        ChartStyle.dataArea(chart, ChartStyle.WIDTH, ChartStyle.HEIGHT); // runs the automatic tick selection
        NumberTickUnit unit = xAxis.getTickUnit().getSize() >= yAxis.getTickUnit().getSize()
                ? xAxis.getTickUnit() : yAxis.getTickUnit();
        xAxis.setTickUnit(unit, false, true);
        yAxis.setTickUnit(unit, false, true);
    }

    /** [lo, hi] widened by {@code frac} of its span on each side; a sensible range for empty or constant data. */
    private static double[] padded(double lo, double hi, double frac) {
        if (!(lo <= hi)) {
            return new double[] {0, 1};
        }
        double span = hi - lo;
        if (span == 0) {
            span = lo == 0 ? 1 : Math.abs(lo) * 0.1;
        }
        return new double[] {lo - frac * span, hi + frac * span};
    }

    /** At most {@code k} values spread evenly over {@code sorted}, always keeping both ends. */
    private static double[] thin(double[] sorted, int k) {
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = sorted[(int) Math.round(i * (sorted.length - 1) / (double) (k - 1))];
        }
        return out;
    }

    private static void requireSameLength(String a, double[] x, String b, double[] y) {
        Objects.requireNonNull(x, a);
        Objects.requireNonNull(y, b);
        if (x.length != y.length) {
            throw new IllegalArgumentException(a + " has " + x.length + " values, " + b + " has " + y.length);
        }
    }

    /** Chart text without control characters, which are not allowed in SVG (XML) text. */
    private static String clean(String s, String what) {
        Objects.requireNonNull(s, what);
        return s.replaceAll("[\\x00-\\x1F\\x7F]", " ");
    }
}
