package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ResamplingPropertyTest {

    @Property(tries = 200, seed = "20240611")
    void repeatedKFoldTestsEveryRowOncePerRepeat(@ForAll @IntRange(min = 2, max = 60) int n,
            @ForAll @IntRange(min = 2, max = 10) int k, @ForAll @IntRange(min = 1, max = 4) int repeats,
            @ForAll long seed) {
        // Given any n >= k
        int folds = Math.min(k, n);
        List<FoldSplit> splits = Resampling.of(ResamplingOptions.repeatedKFold(folds, repeats), n, seed);
        // Then each repeat partitions the rows, with fold sizes within one of each other
        assertThat(splits).hasSize(folds * repeats);
        for (int r = 0; r < repeats; r++) {
            int[] seen = new int[n];
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (FoldSplit s : splits) {
                if (s.repeat() == r) {
                    for (int i : s.test()) {
                        seen[i]++;
                    }
                    assertThat(s.train().length + s.test().length).isEqualTo(n);
                    min = Math.min(min, s.test().length);
                    max = Math.max(max, s.test().length);
                }
            }
            assertThat(seen).containsOnly(1);
            assertThat(max - min).isLessThanOrEqualTo(1);
        }
    }

    @Property(tries = 300, seed = "20240612")
    void groupKFoldNeverSplitsAGroupAndBalancesRows(@ForAll @IntRange(min = 2, max = 15) int groupCount,
            @ForAll @IntRange(min = 2, max = 8) int k, @ForAll long seed) {
        // Given rows in groupCount groups of random sizes 1..6, shuffled
        SplittableRandom rng = new SplittableRandom(seed);
        java.util.ArrayList<String> labels = new java.util.ArrayList<>();
        int largest = 0;
        for (int g = 0; g < groupCount; g++) {
            int size = 1 + rng.nextInt(6);
            largest = Math.max(largest, size);
            for (int j = 0; j < size; j++) {
                labels.add("g" + g);
            }
        }
        Collections.shuffle(labels, new java.util.Random(seed));
        String[] groups = labels.toArray(new String[0]);
        int folds = Math.min(k, groupCount);
        // When split into group folds
        List<FoldSplit> splits = Resampling.of(ResamplingOptions.groupKFold(folds), groups, seed);
        // Then groups stay whole, every row is tested once, no fold is empty, and the greedy
        // largest-first placement keeps fold sizes within one largest group of each other
        assertThat(splits).hasSize(folds);
        ResamplingTest.assertGroupsNotSplit(splits, groups);
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (FoldSplit s : splits) {
            min = Math.min(min, s.test().length);
            max = Math.max(max, s.test().length);
        }
        assertThat(min).isPositive();
        assertThat(max - min).isLessThanOrEqualTo(largest);
        // And the same seed gives the same folds
        List<FoldSplit> again = Resampling.of(ResamplingOptions.groupKFold(folds), groups, seed);
        for (int f = 0; f < folds; f++) {
            assertThat(again.get(f).test()).isEqualTo(splits.get(f).test());
        }
    }
}
