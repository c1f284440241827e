package io.flotilla.renderer.release;

/** Where a HelmRelease's chart comes from: a folder of the Git repository, a Helm chart repository, an OCI registry. */
public sealed interface ChartSource permits ChartLocation, GitChart, RepositoryChart, OciChart {

    /** The field a message about the chart points at. */
    String field();
}
