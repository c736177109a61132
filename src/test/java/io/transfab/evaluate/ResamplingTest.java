package io.transfab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.transfab.data.DataException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    @Test
    void kFoldProtocolIsPlainKFoldLabelled() {
        // Given 17 rows, k = 4, seed 3
        List<FoldSplit> splits = Resampling.of(ResamplingOptions.kFold(4), 17, 3);
        List<Splits.Split> plain = Splits.kFold(17, 4, 3);
        // Then the same partitions, labelled repeat 0, folds 0..3
        assertThat(splits).hasSize(4);
        for (int f = 0; f < 4; f++) {
            assertThat(splits.get(f).repeat()).isZero();
            assertThat(splits.get(f).fold()).isEqualTo(f);
            assertThat(splits.get(f).test()).isEqualTo(plain.get(f).test());
            assertThat(splits.get(f).train()).isEqualTo(plain.get(f).train());
        }
        assertThat(splits.get(3).label()).isEqualTo("repeat 1, fold 4");
    }

    @Test
    void repeatedKFoldPartitionsOncePerRepeatWithDifferentShuffles() {
        // Given 5 repeats of 3-fold over 20 rows
        List<FoldSplit> splits = Resampling.of(ResamplingOptions.repeatedKFold(3, 5), 20, 11);
        // Then 15 splits; each repeat tests each row exactly once
        assertThat(splits).hasSize(15);
        Set<String> firstFolds = new HashSet<>();
        for (int r = 0; r < 5; r++) {
            int[] seen = new int[20];
            for (FoldSplit s : splits) {
                if (s.repeat() == r) {
                    for (int i : s.test()) {
                        seen[i]++;
                    }
                    if (s.fold() == 0) {
                        firstFolds.add(Arrays.toString(s.test()));
                    }
                }
            }
            assertThat(seen).containsOnly(1);
        }
        // And the repeats shuffle differently, the first one as plain k-fold, reproducibly
        assertThat(firstFolds).hasSize(5);
        assertThat(splits.get(0).test()).isEqualTo(Splits.kFold(20, 3, 11).get(0).test());
        assertThat(Resampling.of(ResamplingOptions.repeatedKFold(3, 5), 20, 11).get(14).test())
                .isEqualTo(splits.get(14).test());
    }

    @Test
    void leaveOneOutTestsEachRowAlone() {
        // Given 6 rows
        List<FoldSplit> splits = Resampling.of(ResamplingOptions.leaveOneOut(), 6, 0);
        // Then split i tests row i and trains on the other five
        assertThat(splits).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(splits.get(i).test()).containsExactly(i);
            assertThat(splits.get(i).train()).hasSize(5).doesNotContain(i);
        }
    }

    @Test
    void groupKFoldKeepsGroupsTogetherAndBalancesRows() {
        // Given groups of sizes 5, 4, 3, 3, 2, 1 (18 rows) and k = 3
        String[] groups = new String[18];
        String[] names = {"a", "b", "c", "d", "e", "f"};
        int[] sizes = {5, 4, 3, 3, 2, 1};
        int row = 0;
        for (int g = 0; g < names.length; g++) {
            for (int j = 0; j < sizes[g]; j++) {
                groups[row++] = names[g];
            }
        }
        // When split
        List<FoldSplit> splits = Resampling.of(ResamplingOptions.groupKFold(3), groups, 1);
        // Then largest-first into the smallest fold gives 6 rows per fold: {a,f}, {b,e}, {c,d}
        for (FoldSplit s : splits) {
            assertThat(s.test()).hasSize(6);
        }
        assertGroupsNotSplit(splits, groups);
    }

    @Test
    void groupKFoldRejectsMoreFoldsThanGroupsAndMissingLabels() {
        String[] groups = {"a", "a", "b", "b", "c"};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampling.of(ResamplingOptions.groupKFold(4), groups, 0));
        assertThat(e.getMessage()).contains("k=4").contains("only 3");
        assertThrows(IllegalArgumentException.class,
                () -> Resampling.of(ResamplingOptions.groupKFold(2), new String[] {"a", null, "b"}, 0));
        assertThrows(IllegalArgumentException.class, () -> Resampling.of(ResamplingOptions.groupKFold(2), 10, 0));
    }

    @Test
    void optionsAreValidated() {
        assertThrows(DataException.class, () -> ResamplingOptions.kFold(1));
        assertThrows(DataException.class, () -> ResamplingOptions.repeatedKFold(5, 0));
        assertThrows(IllegalArgumentException.class, () -> new ResamplingOptions(Protocol.KFOLD, 5, 3));
        assertThrows(IllegalArgumentException.class, () -> new ResamplingOptions(Protocol.LEAVE_ONE_OUT, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new ResamplingOptions(null, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Resampling.of(ResamplingOptions.kFold(5), 4, 0));
        assertThrows(IllegalArgumentException.class, () -> Resampling.of(ResamplingOptions.leaveOneOut(), 1, 0));
    }

    static void assertGroupsNotSplit(List<FoldSplit> splits, String[] groups) {
        int[] tested = new int[groups.length];
        for (FoldSplit s : splits) {
            Set<String> testGroups = new HashSet<>();
            for (int i : s.test()) {
                testGroups.add(groups[i]);
                tested[i]++;
            }
            for (int i : s.train()) {
                assertThat(testGroups).doesNotContain(groups[i]);
            }
            assertThat(s.train().length + s.test().length).isEqualTo(groups.length);
        }
        assertThat(tested).containsOnly(1);
    }

    static Map<String, Integer> groupSizes(String[] groups) {
        Map<String, Integer> sizes = new HashMap<>();
        for (String g : groups) {
            sizes.merge(g, 1, Integer::sum);
        }
        return sizes;
    }
}
