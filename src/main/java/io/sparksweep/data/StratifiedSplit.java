package io.sparksweep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded, class-stratified subsets: each class keeps its share of the whole. */
final class StratifiedSplit {

    /** Indices split into a part of {@code firstSize} images and the rest, both sorted by position in the set. */
    record Parts(int[] first, int[] rest) {
    }

    private StratifiedSplit() {
    }

    static Parts split(ImageSet set, int classes, int firstSize, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < set.count(); i++) {
            byClass.get(set.label(i)).add(i);
        }
        int[] quota = quotas(byClass, set.count(), firstSize);
        Random random = new Random(seed);
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            Collections.shuffle(members, random);
            first.addAll(members.subList(0, quota[c]));
            rest.addAll(members.subList(quota[c], members.size()));
        }
        return new Parts(sorted(first), sorted(rest));
    }

    /** Largest-remainder apportionment, so the quotas add up to exactly {@code total}. */
    private static int[] quotas(List<List<Integer>> byClass, int population, int total) {
        int classes = byClass.size();
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) total * byClass.get(c).size() / population;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < total) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        return quota;
    }

    private static int[] sorted(List<Integer> indices) {
        int[] out = indices.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
