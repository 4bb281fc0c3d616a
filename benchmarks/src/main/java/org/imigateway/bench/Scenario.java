package org.imigateway.bench;

/** One pair of sender and receiver under load; each run gets a fresh plan on the same network. */
public interface Scenario {

    String name();

    RunResult run(RunPlan plan, BenchNetwork network, java.nio.file.Path payload) throws Exception;
}
