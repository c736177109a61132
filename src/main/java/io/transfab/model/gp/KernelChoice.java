package io.transfab.model.gp;

/**
 * Which length-scale structure {@link GaussianProcessTrainer} fits for each output.
 *
 * <ul>
 *   <li>{@link #ARD}: one length scale per input (automatic relevance determination).</li>
 *   <li>{@link #ISOTROPIC}: one length scale shared by every input.</li>
 *   <li>{@link #EVIDENCE}: both are fitted on the training rows and the one with the larger
 *   evidence (the marginal likelihood with the hyperparameters integrated out, by the Laplace
 *   approximation at the fitted hyperparameters under a prior uniform in the log box) is kept: the
 *   fit term rewards ARD where some inputs matter more than others, the Occam factor charges it for
 *   every length scale the rows determine (Rasmussen &amp; Williams 2006, sec. 5.4; MacKay 1992).</li>
 *   <li>{@link #BIC}: as {@link #EVIDENCE} with the Bayesian information criterion
 *   {@code lml - k/2 log n} (k hyperparameters, n rows) in place of the Laplace evidence: every
 *   hyperparameter costs the same, whether the rows determine it or not.</li>
 * </ul>
 */
public enum KernelChoice {
    ARD,
    ISOTROPIC,
    EVIDENCE,
    BIC
}
