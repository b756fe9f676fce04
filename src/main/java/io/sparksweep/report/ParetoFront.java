package io.sparksweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The configurations that no other one beats on both counts: none is at most as costly and more accurate.
 * The notebook's {@code pareto_front} is the same sweep in Python, so both draw the same front.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /** @return the front, cheapest first; points with an unknown cost or accuracy are never on it */
    public static List<TradeoffPoint> of(List<TradeoffPoint> points, ToDoubleFunction<TradeoffPoint> cost) {
        List<TradeoffPoint> candidates = points.stream()
                .filter(point -> Double.isFinite(cost.applyAsDouble(point)) && Double.isFinite(point.accuracyMean()))
                .sorted(Comparator.comparingDouble(cost)
                        .thenComparing(Comparator.comparingDouble(TradeoffPoint::accuracyMean).reversed()))
                .toList();
        List<TradeoffPoint> front = new ArrayList<>();
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        for (TradeoffPoint point : candidates) {
            if (point.accuracyMean() > bestAccuracy) {
                front.add(point);
                bestAccuracy = point.accuracyMean();
            }
        }
        return front;
    }
}
