package io.flotilla.renderer.release;

/** Where a HelmRelease's chart comes from: a folder of the Git repository, or a Helm chart repository. */
public sealed interface ChartSource permits ChartLocation, RepositoryChart {

    /** The field a message about the chart points at. */
    String field();
}
