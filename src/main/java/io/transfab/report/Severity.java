package io.transfab.report;

/** How a {@link Block.Note} is styled: a neutral remark or something the reader must not overlook. */
public enum Severity {
    INFO,
    WARNING
}
