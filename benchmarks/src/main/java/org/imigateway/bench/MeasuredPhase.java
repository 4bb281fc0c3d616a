package org.imigateway.bench;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * The measured phase of a run (from {@link ProcessMeter#start()} to {@link ProcessMeter#stop()}) as
 * a JFR event, so that a recording of a whole benchmark JVM can be cut to the phases whose CPU the
 * run reports: start-up, schema migration and the reading of results stay out of the breakdown.
 */
@Name(MeasuredPhase.NAME)
@Label("Measured phase")
@Category("IMI benchmarks")
@Description("A run's measured phase: its CPU per message is taken over this interval")
final class MeasuredPhase extends Event {

    static final String NAME = "org.imigateway.bench.MeasuredPhase";
}
