package io.agentstream.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** latency.png: token delivery latency percentiles per mode and load (log scale), with XChart. */
final class LatencyChart {

  private LatencyChart() {}

  static void write(BenchReport report, Path png) throws IOException {
    List<String> labels = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    List<Double> p99 = new ArrayList<>();
    for (PhaseResult p : report.phases()) {
      labels.add(p.label().replace("agentstream-", ""));
      p50.add(positive(p.latencyP50Ms()));
      p95.add(positive(p.latencyP95Ms()));
      p99.add(positive(p.latencyP99Ms()));
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Math.max(1000, 90 * labels.size()))
            .height(600)
            .title(
                String.format(
                    "Token delivery latency, model emit -> client receive (%s run, %.0f tokens/s per stream)",
                    report.config().name(), report.config().tokensPerSecond()))
            .xAxisTitle("mode, concurrent runs (or 1 run x clients)")
            .yAxisTitle("latency ms (log scale)")
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.1); // bars start at 0, which a log axis cannot show
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisLabelRotation(35);
    chart.getStyler().setYAxisDecimalPattern("#,##0.#");
    chart.addSeries("p50", labels, p50);
    chart.addSeries("p95", labels, p95);
    chart.addSeries("p99", labels, p99);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static double positive(double ms) {
    return Double.isNaN(ms) ? 0.01 : Math.max(ms, 0.01);
  }
}
