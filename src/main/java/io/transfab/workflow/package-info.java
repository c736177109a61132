/**
 * The use cases of transfab: one small type per command (train, predict, ...), each taking an options
 * record (validated in its constructor; bad values are DataExceptions naming the CLI option) and a
 * {@link io.transfab.workflow.JobListener}, returning a result record. The CLI ({@code io.transfab.cli})
 * parses options into those records and prints the results; the server runs the same use cases as jobs
 * ({@link io.transfab.workflow.JobCatalog}). Dependencies point one way: this package uses neither the CLI
 * nor picocli.
 */
package io.transfab.workflow;
