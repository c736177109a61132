package io.transfab.evaluate;

/**
 * The alternative hypothesis of a paired test on differences d = x - y: TWO_SIDED (d is not
 * centred on 0), LESS (d tends to be negative), GREATER (d tends to be positive); as scipy's
 * {@code alternative}.
 */
public enum Alternative {
    TWO_SIDED,
    LESS,
    GREATER
}
