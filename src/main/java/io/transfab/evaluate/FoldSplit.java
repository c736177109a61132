package io.transfab.evaluate;

/** One train/test split labelled with its repeat (from 0) and fold (from 0) within the repeat. */
public record FoldSplit(int repeat, int fold, Splits.Split split) {
    public FoldSplit {
        if (repeat < 0 || fold < 0 || split == null) {
            throw new IllegalArgumentException("need repeat >= 0, fold >= 0 and a split; got repeat=" + repeat
                    + ", fold=" + fold);
        }
    }

    /** The training row indices (a copy). */
    public int[] train() {
        return split.train();
    }

    /** The test row indices (a copy). */
    public int[] test() {
        return split.test();
    }

    /** A label such as "repeat 2, fold 4" (both counted from 1 for people). */
    public String label() {
        return "repeat " + (repeat + 1) + ", fold " + (fold + 1);
    }
}
