package io.cumulo.report;

import java.nio.file.Path;

/** Writes the synthetic report's plots into a directory, to look at them: {@code StaticPlotsDemo DIR}. */
final class StaticPlotsDemo {
    private StaticPlotsDemo() {
    }

    public static void main(String[] args) {
        for (Path p : StaticPlots.write(SyntheticCharts.report(2000), Path.of(args[0]), true)) {
            System.out.println(p);
        }
    }
}
