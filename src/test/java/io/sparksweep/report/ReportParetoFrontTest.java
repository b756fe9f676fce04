package io.sparksweep.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportParetoFrontTest {

    private static TradeoffPoint point(String id, double accuracy, double seconds) {
        return new TradeoffPoint(id, accuracy, 0, seconds, 0);
    }

    @Test
    void keepsOnlyPointsNoCheaperOneBeats() {
        List<TradeoffPoint> points = List.of(point("slow-best", 0.92, 100), point("cheap", 0.80, 10),
                point("dominated", 0.79, 50), point("middle", 0.88, 40), point("slow-worse", 0.90, 120));
        assertEquals(List.of("cheap", "middle", "slow-best"), ids(ParetoFront.of(points,
                TradeoffPoint::trainSecondsMean)));
    }

    @Test
    void ofEqualCostOnlyTheMoreAccurateAndOfEqualAccuracyOnlyTheCheaper() {
        List<TradeoffPoint> points = List.of(point("same-cost-worse", 0.80, 10), point("same-cost-better", 0.85, 10),
                point("same-accuracy-dearer", 0.85, 20));
        assertEquals(List.of("same-cost-better"), ids(ParetoFront.of(points, TradeoffPoint::trainSecondsMean)));
    }

    @Test
    void pointsWithoutAKnownCostOrAccuracyAreLeftOut() {
        List<TradeoffPoint> points = List.of(point("no-time", 0.99, Double.NaN), point("no-accuracy", Double.NaN, 1),
                point("known", 0.5, 5));
        assertEquals(List.of("known"), ids(ParetoFront.of(points, TradeoffPoint::trainSecondsMean)));
    }

    private static List<String> ids(List<TradeoffPoint> points) {
        return points.stream().map(TradeoffPoint::trialId).toList();
    }
}
