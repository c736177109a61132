package io.transfab.evaluate;

import io.transfab.data.DataException;
import java.util.Locale;

/**
 * A resampling protocol with its fold count and repeats. {@code k} is the number of folds
 * (0 for leave-one-out, where it is the row count); {@code repeats} is 1 except for
 * {@link Protocol#REPEATED_KFOLD}.
 */
public record ResamplingOptions(Protocol protocol, int k, int repeats) {
    public ResamplingOptions {
        if (protocol == null) {
            throw new IllegalArgumentException("protocol is required");
        }
        if (protocol == Protocol.LEAVE_ONE_OUT) {
            if (k != 0) {
                throw new IllegalArgumentException("leave-one-out takes no k (it has one fold per row); got k=" + k);
            }
        } else if (k < 2) {
            // the CLI caps --folds at the rows (or groups), so a small table shows up here too
            throw DataException.option("--protocol " + protocol.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " needs --folds >= 2 and at least 2 rows (or groups) to split; got " + k);
        }
        if (protocol == Protocol.REPEATED_KFOLD) {
            if (repeats < 1) {
                throw DataException.option("repeated k-fold needs --cv-repeats >= 1; got " + repeats);
            }
        } else if (repeats != 1) {
            throw new IllegalArgumentException(protocol + " runs once (repeats = 1); got repeats=" + repeats
                    + "; use REPEATED_KFOLD to repeat");
        }
    }

    public static ResamplingOptions kFold(int k) {
        return new ResamplingOptions(Protocol.KFOLD, k, 1);
    }

    public static ResamplingOptions repeatedKFold(int k, int repeats) {
        return new ResamplingOptions(Protocol.REPEATED_KFOLD, k, repeats);
    }

    public static ResamplingOptions leaveOneOut() {
        return new ResamplingOptions(Protocol.LEAVE_ONE_OUT, 0, 1);
    }

    public static ResamplingOptions groupKFold(int k) {
        return new ResamplingOptions(Protocol.GROUP_KFOLD, k, 1);
    }
}
